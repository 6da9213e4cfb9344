package io.github.distrace.autoconfigure.sdk;

import java.util.List;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code distrace.otlp.traces-endpoint} is the full URL, used as is, where
 * {@code distrace.otlp.endpoint} is a base URL.
 */
class OtlpTracesEndpointTests {

	@Test
	void baseEndpointGetsTheTracesPath() {
		DistraceProperties properties = new DistraceProperties();
		properties.getOtlp().setEndpoint("http://collector:4318/otlp");
		assertThat(exporterDescription(properties)).contains("endpoint=http://collector:4318/otlp/v1/traces,");
	}

	@Test
	void tracesEndpointIsUsedAsIsInPlaceOfTheBaseOne() {
		DistraceProperties properties = new DistraceProperties();
		properties.getOtlp().setEndpoint("http://elsewhere:4318");
		properties.getOtlp().setTracesEndpoint("http://collector:4318/custom/traces");
		assertThat(exporterDescription(properties)).contains("endpoint=http://collector:4318/custom/traces,");
	}

	@Test
	void tracesEndpointIsUsedForGrpc() {
		DistraceProperties properties = new DistraceProperties();
		properties.getOtlp().setProtocol(OtlpProtocol.GRPC);
		properties.getOtlp().setTracesEndpoint("http://collector:14317");
		assertThat(exporterDescription(properties)).contains("endpoint=http://collector:14317");
	}

	private static String exporterDescription(DistraceProperties properties) {
		List<SpanExporter> exporters = new SpanExporterFactory(properties, MeterProvider.noop(), null,
				new ExportOutcomes(List.of()))
			.createExporters();
		try {
			return exporters.get(0).toString();
		}
		finally {
			exporters.forEach(SpanExporter::shutdown);
		}
	}

}
