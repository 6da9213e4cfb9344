package io.github.distrace.autoconfigure;

import java.util.List;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Records every span as soon as it ends, through the SDK that distrace builds: an
 * {@link InMemorySpanExporter} behind a {@link SimpleSpanProcessor} bean.
 */
@Configuration(proxyBeanMethods = false)
public class InMemorySpans {

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

	@Bean
	SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
		return SimpleSpanProcessor.create(exporter);
	}

	public static List<SpanData> spans(ApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	public static SpanData span(ApplicationContext context, String name) {
		return spans(context).stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span '" + name + "' in " + spans(context)));
	}

}
