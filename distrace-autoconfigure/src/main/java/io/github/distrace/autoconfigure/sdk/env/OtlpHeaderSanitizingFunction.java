package io.github.distrace.autoconfigure.sdk.env;

import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the OTLP exporter's headers, which carry API keys, in {@code /actuator/env} and
 * {@code /actuator/configprops}, even where those endpoints are set to show values:
 * {@code distrace.otlp.headers.*} in any form (a {@code DISTRACE_OTLP_HEADERS_*} variable
 * too) and OpenTelemetry's {@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS} and
 * {@code otel.exporter.otlp.[traces.]headers}.
 * <p>
 * Internal: not for use outside distrace; public because it is a bean of the application
 * context.
 *
 * @author distrace
 */
public class OtlpHeaderSanitizingFunction implements SanitizingFunction {

	private static final Pattern HEADERS = Pattern
		.compile("(distrace[._]otlp[._]headers|otel[._]exporter[._]otlp[._](traces[._])?headers)([._\\[].*)?");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return HEADERS.matcher(data.getLowerCaseKey()).matches() ? data.withSanitizedValue() : data;
	}

}
