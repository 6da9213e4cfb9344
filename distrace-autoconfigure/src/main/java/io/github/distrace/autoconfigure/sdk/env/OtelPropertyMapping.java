package io.github.distrace.autoconfigure.sdk.env;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.distrace.autoconfigure.sdk.env.OtelVariables.OtelValue;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.OriginTrackedValue;

/**
 * Turns the OpenTelemetry SDK's variables into {@code distrace.*} properties (and an SSL
 * bundle for the certificate variables), parsed as the OpenTelemetry SDK configuration
 * specification says. A value distrace cannot use stops start-up naming the variable, as
 * does a number out of range; the rules that relate two settings are left to the
 * validation of the {@code distrace.*} properties.
 *
 * @author distrace
 */
final class OtelPropertyMapping {

	private static final String OTLP = "OTEL_EXPORTER_OTLP_";

	private static final String OTLP_TRACES = "OTEL_EXPORTER_OTLP_TRACES_";

	private static final Map<String, String> EXPORTERS = Map.of("otlp", "otlp", "console", "logging", "logging",
			"logging", "none", "none");

	private static final Map<String, String> PROPAGATORS = Map.of("tracecontext", "tracecontext", "baggage", "baggage",
			"b3", "b3", "b3multi", "b3multi", "jaeger", "jaeger", "none", "");

	private static final Map<String, String> SAMPLERS = Map.of("always_on", "always_on", "always_off", "always_off",
			"traceidratio", "traceidratio", "parentbased_always_on", "parentbased_always_on", "parentbased_always_off",
			"parentbased_always_off", "parentbased_traceidratio", "parentbased_traceidratio");

	private static final Map<String, String> PROTOCOLS = Map.of("grpc", "grpc", "http/protobuf", "http/protobuf");

	private static final Map<String, String> COMPRESSIONS = Map.of("gzip", "gzip", "none", "none");

	static final String SSL_BUNDLE_PROPERTY = "distrace.otlp.ssl.bundle";

	/**
	 * The SSL bundle that OpenTelemetry's certificate variables define.
	 */
	static final String SSL_BUNDLE = "distrace-otlp";

	private static final String PEM_BUNDLE = "spring.ssl.bundle.pem." + SSL_BUNDLE + ".";

	private final OtelVariables variables;

	private final boolean sslBundleConfigured;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private OtelPropertyMapping(OtelVariables variables, boolean sslBundleConfigured) {
		this.variables = variables;
		this.sslBundleConfigured = sslBundleConfigured;
	}

	/**
	 * Return the properties the set variables map to, each value tracked to its variable:
	 * {@code distrace.*} properties, and an SSL bundle for the certificate variables.
	 * @param variables the variables to read
	 * @param sslBundleConfigured whether {@code distrace.otlp.ssl.bundle} is set, in
	 * which case the bundle it names is used and the certificate variables are not
	 * @return the properties, empty when no variable is set
	 */
	static Map<String, Object> map(OtelVariables variables, boolean sslBundleConfigured) {
		OtelPropertyMapping mapping = new OtelPropertyMapping(variables, sslBundleConfigured);
		mapping.general();
		mapping.otlp();
		mapping.tls();
		mapping.batchAndLimits();
		return mapping.properties;
	}

	private void general() {
		OtelValue disabled = this.variables.get("OTEL_SDK_DISABLED");
		if (disabled != null) {
			String value = disabled.value().toLowerCase(Locale.ROOT);
			if (!value.equals("true") && !value.equals("false")) {
				throw disabled.invalid("use true or false");
			}
			if (value.equals("true")) {
				put("distrace.enabled", "false", disabled);
			}
		}
		copy("OTEL_SERVICE_NAME", "distrace.service-name");
		keyValues(this.variables.get("OTEL_RESOURCE_ATTRIBUTES"), "distrace.resource-attributes");
		list("OTEL_TRACES_EXPORTER", "distrace.exporter", EXPORTERS);
		list("OTEL_PROPAGATORS", "distrace.propagation", PROPAGATORS);
		choice(this.variables.get("OTEL_TRACES_SAMPLER"), "distrace.sampler.type", SAMPLERS);
		OtelValue ratio = this.variables.get("OTEL_TRACES_SAMPLER_ARG");
		if (ratio != null) {
			put("distrace.sampler.ratio", String.valueOf(parseRatio(ratio)), ratio);
		}
	}

	private void otlp() {
		// The generic endpoint is a base URL to which '/v1/traces' is added; the traces
		// endpoint is the full URL, used as is.
		copy("OTEL_EXPORTER_OTLP_ENDPOINT", "distrace.otlp.endpoint");
		copy("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "distrace.otlp.traces-endpoint");
		keyValues(signalOrGeneric("HEADERS"), "distrace.otlp.headers");
		choice(signalOrGeneric("PROTOCOL"), "distrace.otlp.protocol", PROTOCOLS);
		choice(signalOrGeneric("COMPRESSION"), "distrace.otlp.compression", COMPRESSIONS);
		millis(signalOrGeneric("TIMEOUT"), "distrace.otlp.timeout");
	}

	/**
	 * The certificate variables hold paths of PEM files, which become a PEM SSL bundle:
	 * the certificates to trust, and the client certificate and key for mutual TLS.
	 */
	private void tls() {
		OtelValue certificate = signalOrGeneric("CERTIFICATE");
		OtelValue clientKey = signalOrGeneric("CLIENT_KEY");
		OtelValue clientCertificate = signalOrGeneric("CLIENT_CERTIFICATE");
		OtelValue any = (certificate != null) ? certificate : (clientKey != null) ? clientKey : clientCertificate;
		if (any == null || this.sslBundleConfigured) {
			return;
		}
		if (clientKey != null && clientCertificate == null) {
			throw clientKey.invalid("a client key needs its certificate, in OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE");
		}
		if (clientCertificate != null && clientKey == null) {
			throw clientCertificate.invalid("a client certificate needs its key, in OTEL_EXPORTER_OTLP_CLIENT_KEY");
		}
		pemFile(certificate, PEM_BUNDLE + "truststore.certificate");
		pemFile(clientCertificate, PEM_BUNDLE + "keystore.certificate");
		pemFile(clientKey, PEM_BUNDLE + "keystore.private-key");
		put(SSL_BUNDLE_PROPERTY, SSL_BUNDLE, any);
	}

	private void pemFile(@Nullable OtelValue value, String property) {
		if (value == null) {
			return;
		}
		try {
			if (Files.isReadable(Path.of(value.value()))) {
				put(property, "file:" + value.value(), value);
				return;
			}
		}
		catch (InvalidPathException ex) {
			// rejected below
		}
		throw value.invalid("no readable file at that path; give the path of a PEM file");
	}

	private void batchAndLimits() {
		millis(this.variables.get("OTEL_BSP_SCHEDULE_DELAY"), "distrace.batch.schedule-delay");
		millis(this.variables.get("OTEL_BSP_EXPORT_TIMEOUT"), "distrace.batch.export-timeout");
		integer(this.variables.get("OTEL_BSP_MAX_QUEUE_SIZE"), "distrace.batch.max-queue-size");
		integer(this.variables.get("OTEL_BSP_MAX_EXPORT_BATCH_SIZE"), "distrace.batch.max-export-batch-size");
		integer(first("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT"),
				"distrace.limits.max-attribute-value-length");
		integer(first("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT"),
				"distrace.limits.max-attributes");
		integer(this.variables.get("OTEL_SPAN_EVENT_COUNT_LIMIT"), "distrace.limits.max-events");
		integer(this.variables.get("OTEL_SPAN_LINK_COUNT_LIMIT"), "distrace.limits.max-links");
		integer(this.variables.get("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT"), "distrace.limits.max-attributes-per-event");
	}

	private @Nullable OtelValue signalOrGeneric(String setting) {
		return first(OTLP_TRACES + setting, OTLP + setting);
	}

	private @Nullable OtelValue first(String specific, String general) {
		OtelValue value = this.variables.get(specific);
		return (value != null) ? value : this.variables.get(general);
	}

	private void copy(String variable, String property) {
		OtelValue value = this.variables.get(variable);
		if (value != null) {
			put(property, value.value(), value);
		}
	}

	private void choice(@Nullable OtelValue value, String property, Map<String, String> allowed) {
		if (value != null) {
			put(property, allowedValue(value, value.value(), allowed), value);
		}
	}

	private void list(String variable, String property, Map<String, String> allowed) {
		OtelValue value = this.variables.get(variable);
		if (value != null) {
			List<String> mapped = new ArrayList<>();
			for (String element : value.value().split(",")) {
				String item = allowedValue(value, element, allowed);
				if (!item.isEmpty()) {
					mapped.add(item);
				}
			}
			put(property, String.join(",", mapped), value);
		}
	}

	private static String allowedValue(OtelValue value, String element, Map<String, String> allowed) {
		String mapped = allowed.get(element.strip().toLowerCase(Locale.ROOT));
		if (mapped == null) {
			throw value.invalid("'" + element.strip() + "' is not supported; use one of "
					+ String.join(", ", allowed.keySet().stream().sorted().toList()));
		}
		return mapped;
	}

	private void integer(@Nullable OtelValue value, String property) {
		if (value != null) {
			put(property, String.valueOf(parseWholeNumber(value)), value);
		}
	}

	/**
	 * A duration in milliseconds, as the specification defines every timeout and delay.
	 */
	private void millis(@Nullable OtelValue value, String property) {
		if (value != null) {
			put(property, parseWholeNumber(value) + "ms", value);
		}
	}

	private static int parseWholeNumber(OtelValue value) {
		try {
			int number = Integer.parseInt(value.value());
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// rejected below
		}
		throw value.invalid("use a positive whole number");
	}

	private static double parseRatio(OtelValue value) {
		try {
			double ratio = Double.parseDouble(value.value());
			if (ratio >= 0.0 && ratio <= 1.0) {
				return ratio;
			}
		}
		catch (NumberFormatException ex) {
			// rejected below
		}
		throw value.invalid("use a ratio from 0.0 to 1.0");
	}

	/**
	 * A comma-separated list of {@code key=value} pairs whose values are percent-encoded,
	 * as in {@code OTEL_RESOURCE_ATTRIBUTES} and {@code OTEL_EXPORTER_OTLP_HEADERS}.
	 */
	private void keyValues(@Nullable OtelValue value, String property) {
		if (value == null) {
			return;
		}
		for (String pair : value.value().split(",")) {
			if (pair.isBlank()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = (equals > 0) ? pair.substring(0, equals).strip() : "";
			if (key.isEmpty() || key.contains("[") || key.contains("]")) {
				throw value.invalid("use a comma-separated list of key=value pairs");
			}
			put(property + "[" + key + "]", percentDecoded(value, pair.substring(equals + 1).strip()), value);
		}
	}

	private static String percentDecoded(OtelValue value, String encoded) {
		try {
			// A '+' is itself in percent-encoding, not a space as in a form.
			return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw value.invalid("a value has a malformed percent-encoding (" + encoded + ")");
		}
	}

	private void put(String property, String value, OtelValue source) {
		this.properties.put(property, OriginTrackedValue.of(value, source.origin()));
	}

}
