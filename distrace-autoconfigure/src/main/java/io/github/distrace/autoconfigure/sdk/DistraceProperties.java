package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.distrace.autoconfigure.sdk.propagation.PropagatorType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the OpenTelemetry SDK that distrace builds. Validates itself when it
 * is bound, so that a wrong value stops start-up with the property named.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace")
public class DistraceProperties implements Validator {

	/**
	 * Whether distrace is enabled. When disabled, distrace creates and exports no span
	 * and defines no OpenTelemetry or Tracer bean, leaving tracing to another provider;
	 * Distrace and BaggageService stay injectable as no-op versions.
	 */
	private boolean enabled = true;

	/**
	 * Logical name of the service, the 'service.name' resource attribute. Defaults to
	 * 'spring.application.name', else 'unknown_service:java'.
	 */
	private @Nullable String serviceName;

	/**
	 * Extra resource attributes, such as 'deployment.environment.name'.
	 */
	private Map<String, String> resourceAttributes = new LinkedHashMap<>();

	/**
	 * Where finished spans are sent. Several exporters send each span to all of them.
	 */
	private List<ExporterType> exporter = new ArrayList<>(List.of(ExporterType.OTLP));

	/**
	 * Header formats used to extract and inject trace context and baggage.
	 */
	private List<PropagatorType> propagation = new ArrayList<>(
			List.of(PropagatorType.TRACECONTEXT, PropagatorType.BAGGAGE));

	/**
	 * Maximum time that closing the application context waits for queued spans to be
	 * exported, even when the collector does not answer.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(5);

	private final Resource resource = new Resource();

	private final Sampler sampler = new Sampler();

	private final Otlp otlp = new Otlp();

	private final Jaeger jaeger = new Jaeger();

	private final Batch batch = new Batch();

	private final Limits limits = new Limits();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(@Nullable String serviceName) {
		this.serviceName = serviceName;
	}

	public Map<String, String> getResourceAttributes() {
		return this.resourceAttributes;
	}

	public void setResourceAttributes(Map<String, String> resourceAttributes) {
		this.resourceAttributes = resourceAttributes;
	}

	public Resource getResource() {
		return this.resource;
	}

	public List<ExporterType> getExporter() {
		return this.exporter;
	}

	public void setExporter(List<ExporterType> exporter) {
		this.exporter = exporter;
	}

	public List<PropagatorType> getPropagation() {
		return this.propagation;
	}

	public void setPropagation(List<PropagatorType> propagation) {
		this.propagation = propagation;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Sampler getSampler() {
		return this.sampler;
	}

	public Otlp getOtlp() {
		return this.otlp;
	}

	public Jaeger getJaeger() {
		return this.jaeger;
	}

	public Batch getBatch() {
		return this.batch;
	}

	public Limits getLimits() {
		return this.limits;
	}

	@Override
	public boolean supports(Class<?> type) {
		return DistraceProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		DistraceProperties properties = (DistraceProperties) target;
		if (properties.serviceName != null && properties.serviceName.isBlank()) {
			errors.rejectValue("service-name", "blank", "must not be blank; leave it unset to use the default");
		}
		if (properties.exporter.contains(ExporterType.NONE) && properties.exporter.size() > 1) {
			errors.rejectValue("exporter", "none.combined",
					"'none' cannot be combined with other exporters; list the exporters to use, or only 'none'");
		}
		rejectNonPositive(errors, "shutdown-timeout", properties.shutdownTimeout);
		properties.sampler.validate(errors);
		properties.otlp.validate(errors);
		properties.jaeger.validate(errors);
		properties.batch.validate(errors);
		properties.limits.validate(errors);
	}

	static void rejectNonPositive(Errors errors, String field, Duration value) {
		if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "non.positive", "must be a positive duration, such as 5s or 500ms");
		}
	}

	static void rejectNonPositive(Errors errors, String field, int value) {
		if (value <= 0) {
			errors.rejectValue(field, "non.positive", "must be a positive whole number");
		}
	}

	static void rejectInvalidEndpoint(Errors errors, String field, String endpoint) {
		String reason = EndpointValidator.problemWith(endpoint);
		if (reason != null) {
			errors.rejectValue(field, "invalid.endpoint", reason);
		}
	}

	/**
	 * Sampler settings.
	 */
	public static class Resource {

		/**
		 * Resource detectors to turn off, such as 'host' or 'container': their attributes
		 * are left out unless configured in 'distrace.resource-attributes'.
		 */
		private List<ResourceDetector> disabledDetectors = new ArrayList<>();

		public List<ResourceDetector> getDisabledDetectors() {
			return this.disabledDetectors;
		}

		public void setDisabledDetectors(List<ResourceDetector> disabledDetectors) {
			this.disabledDetectors = disabledDetectors;
		}

	}

	public static class Sampler {

		/**
		 * Sampling strategy.
		 */
		private SamplerType type = SamplerType.PARENTBASED_ALWAYS_ON;

		/**
		 * Ratio of new traces recorded by the ratio samplers, from 0.0 to 1.0.
		 */
		private double ratio = 1.0;

		private final Keep keep = new Keep();

		public SamplerType getType() {
			return this.type;
		}

		public void setType(SamplerType type) {
			this.type = type;
		}

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		public Keep getKeep() {
			return this.keep;
		}

		void validate(Errors errors) {
			if (!(this.ratio >= 0.0 && this.ratio <= 1.0)) {
				errors.rejectValue("sampler.ratio", "out.of.range", "must be between 0.0 and 1.0");
			}
			this.keep.validate(errors);
		}

	}

	/**
	 * Rules that keep a trace the head sampler did not sample, decided when its local
	 * root span ends.
	 */
	public static class Keep {

		/**
		 * Whether to keep a trace when one of its spans here ended in error.
		 */
		private boolean errors = true;

		/**
		 * Keep a trace when its local root span lasted at least this long. Unset, no
		 * trace is kept for its duration.
		 */
		private @Nullable Duration slowerThan;

		/**
		 * Whether to keep a trace in which an N+1 was found.
		 */
		private boolean nPlusOne = true;

		/**
		 * Spans of undecided local roots (requests, messages, jobs) held in memory at
		 * most; when full, the oldest undecided local roots are dropped and counted.
		 */
		private int maxBufferedSpans = 10_000;

		/**
		 * Memory the spans of undecided local roots may take at most, as estimated from
		 * their attributes, events and links; when over, the oldest undecided local roots
		 * are dropped and counted.
		 */
		private DataSize maxMemory = DataSize.ofMegabytes(32);

		/**
		 * How long a local root span is waited for at most; one still open then is taken
		 * for leaked, and its spans are dropped and counted.
		 */
		private Duration maxDuration = Duration.ofMinutes(2);

		public boolean isErrors() {
			return this.errors;
		}

		public void setErrors(boolean errors) {
			this.errors = errors;
		}

		public @Nullable Duration getSlowerThan() {
			return this.slowerThan;
		}

		public void setSlowerThan(@Nullable Duration slowerThan) {
			this.slowerThan = slowerThan;
		}

		public boolean isNPlusOne() {
			return this.nPlusOne;
		}

		public void setNPlusOne(boolean nPlusOne) {
			this.nPlusOne = nPlusOne;
		}

		public int getMaxBufferedSpans() {
			return this.maxBufferedSpans;
		}

		public void setMaxBufferedSpans(int maxBufferedSpans) {
			this.maxBufferedSpans = maxBufferedSpans;
		}

		public DataSize getMaxMemory() {
			return this.maxMemory;
		}

		public void setMaxMemory(DataSize maxMemory) {
			this.maxMemory = maxMemory;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		void validate(Errors errors) {
			if (this.slowerThan != null && (this.slowerThan.isNegative() || this.slowerThan.isZero())) {
				errors.rejectValue("sampler.keep.slower-than", "non.positive",
						"must be a positive duration, such as 500ms; leave it unset to keep no trace for its duration");
			}
			rejectNonPositive(errors, "sampler.keep.max-buffered-spans", this.maxBufferedSpans);
			if (this.maxMemory.toBytes() <= 0) {
				errors.rejectValue("sampler.keep.max-memory", "non.positive", "must be a positive size, such as 32MB");
			}
			rejectNonPositive(errors, "sampler.keep.max-duration", this.maxDuration);
			if (this.slowerThan != null && this.slowerThan.compareTo(this.maxDuration) >= 0) {
				errors.rejectValue("sampler.keep.slower-than", "too.long",
						"must be shorter than distrace.sampler.keep.max-duration (" + this.maxDuration
								+ "), the longest a trace is held");
			}
		}

	}

	/**
	 * OTLP exporter settings.
	 */
	public static class Otlp {

		/**
		 * Base URL of the OTLP receiver; '/v1/traces' is added for http/protobuf.
		 * Defaults to http://localhost:4318, or http://localhost:4317 for grpc.
		 */
		private @Nullable String endpoint;

		/**
		 * Full URL spans are sent to, used as is (no '/v1/traces' is added); when set, it
		 * takes the place of 'distrace.otlp.endpoint'.
		 */
		private @Nullable String tracesEndpoint;

		/**
		 * Transport protocol.
		 */
		private OtlpProtocol protocol = OtlpProtocol.HTTP_PROTOBUF;

		/**
		 * Headers sent with every export request, such as an API key.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Maximum time to wait for the receiver to answer one export request.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Compression of export requests.
		 */
		private OtlpCompression compression = OtlpCompression.NONE;

		private final Ssl ssl = new Ssl();

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		public @Nullable String getTracesEndpoint() {
			return this.tracesEndpoint;
		}

		public void setTracesEndpoint(@Nullable String tracesEndpoint) {
			this.tracesEndpoint = tracesEndpoint;
		}

		/**
		 * Return the configured endpoint, or the default one for the protocol.
		 * @return the base URL of the receiver
		 */
		public String getEffectiveEndpoint() {
			if (this.endpoint != null) {
				return this.endpoint;
			}
			return (this.protocol == OtlpProtocol.GRPC) ? "http://localhost:4317" : "http://localhost:4318";
		}

		public OtlpProtocol getProtocol() {
			return this.protocol;
		}

		public void setProtocol(OtlpProtocol protocol) {
			this.protocol = protocol;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public OtlpCompression getCompression() {
			return this.compression;
		}

		public void setCompression(OtlpCompression compression) {
			this.compression = compression;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		void validate(Errors errors) {
			if (this.endpoint != null) {
				rejectInvalidEndpoint(errors, "otlp.endpoint", this.endpoint);
			}
			if (this.tracesEndpoint != null) {
				rejectInvalidEndpoint(errors, "otlp.traces-endpoint", this.tracesEndpoint);
			}
			rejectNonPositive(errors, "otlp.timeout", this.timeout);
			this.headers.forEach((name, value) -> {
				String reason = HeaderValidator.problemWith(name, value);
				if (reason != null) {
					errors.rejectValue("otlp.headers[" + name + "]", "invalid.header", reason);
				}
			});
			String bundle = this.ssl.getBundle();
			if (bundle != null && bundle.isBlank()) {
				errors.rejectValue("otlp.ssl.bundle", "blank",
						"must not be blank; name an SSL bundle defined under spring.ssl.bundle, or leave it unset");
			}
		}

	}

	/**
	 * TLS settings of the OTLP exporter.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) that holds the certificates to
		 * trust and, for mutual TLS, the client certificate and key. Unset, the JVM's
		 * default trust store is used.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Jaeger exporter settings. Jaeger 1.35 and later receive OTLP natively.
	 */
	public static class Jaeger {

		/**
		 * URL of the Jaeger collector's OTLP gRPC receiver.
		 */
		private String endpoint = "http://localhost:4317";

		/**
		 * Maximum time to wait for the collector to answer one export request.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		void validate(Errors errors) {
			rejectInvalidEndpoint(errors, "jaeger.endpoint", this.endpoint);
			rejectNonPositive(errors, "jaeger.timeout", this.timeout);
		}

	}

	/**
	 * Batch span processor settings. Spans wait in a bounded queue and are exported in
	 * batches by a background thread; when the queue is full, new spans are dropped.
	 */
	public static class Batch {

		/**
		 * Maximum number of spans waiting for export.
		 */
		private int maxQueueSize = 2048;

		/**
		 * Maximum number of spans in one export request.
		 */
		private int maxExportBatchSize = 512;

		/**
		 * Delay between two exports when the queue holds less than one batch.
		 */
		private Duration scheduleDelay = Duration.ofSeconds(5);

		/**
		 * Maximum time one export may take before it is abandoned.
		 */
		private Duration exportTimeout = Duration.ofSeconds(30);

		public int getMaxQueueSize() {
			return this.maxQueueSize;
		}

		public void setMaxQueueSize(int maxQueueSize) {
			this.maxQueueSize = maxQueueSize;
		}

		public int getMaxExportBatchSize() {
			return this.maxExportBatchSize;
		}

		public void setMaxExportBatchSize(int maxExportBatchSize) {
			this.maxExportBatchSize = maxExportBatchSize;
		}

		public Duration getScheduleDelay() {
			return this.scheduleDelay;
		}

		public void setScheduleDelay(Duration scheduleDelay) {
			this.scheduleDelay = scheduleDelay;
		}

		public Duration getExportTimeout() {
			return this.exportTimeout;
		}

		public void setExportTimeout(Duration exportTimeout) {
			this.exportTimeout = exportTimeout;
		}

		void validate(Errors errors) {
			rejectNonPositive(errors, "batch.max-queue-size", this.maxQueueSize);
			rejectNonPositive(errors, "batch.max-export-batch-size", this.maxExportBatchSize);
			if (this.maxExportBatchSize > this.maxQueueSize && this.maxQueueSize > 0) {
				errors.rejectValue("batch.max-export-batch-size", "too.large",
						"must not be larger than distrace.batch.max-queue-size (" + this.maxQueueSize + ")");
			}
			rejectNonPositive(errors, "batch.schedule-delay", this.scheduleDelay);
			rejectNonPositive(errors, "batch.export-timeout", this.exportTimeout);
		}

	}

	/**
	 * Span limits. Values over a limit are cut or dropped when they are recorded.
	 */
	public static class Limits {

		/**
		 * Maximum length of a string attribute value, such as SQL text; longer values are
		 * cut.
		 */
		private int maxAttributeValueLength = 4096;

		/**
		 * Maximum number of attributes on one span.
		 */
		private int maxAttributes = 128;

		/**
		 * Maximum number of events on one span.
		 */
		private int maxEvents = 128;

		/**
		 * Maximum number of links on one span.
		 */
		private int maxLinks = 128;

		/**
		 * Maximum number of attributes on one event.
		 */
		private int maxAttributesPerEvent = 128;

		public int getMaxAttributeValueLength() {
			return this.maxAttributeValueLength;
		}

		public void setMaxAttributeValueLength(int maxAttributeValueLength) {
			this.maxAttributeValueLength = maxAttributeValueLength;
		}

		public int getMaxAttributes() {
			return this.maxAttributes;
		}

		public void setMaxAttributes(int maxAttributes) {
			this.maxAttributes = maxAttributes;
		}

		public int getMaxEvents() {
			return this.maxEvents;
		}

		public void setMaxEvents(int maxEvents) {
			this.maxEvents = maxEvents;
		}

		public int getMaxLinks() {
			return this.maxLinks;
		}

		public void setMaxLinks(int maxLinks) {
			this.maxLinks = maxLinks;
		}

		public int getMaxAttributesPerEvent() {
			return this.maxAttributesPerEvent;
		}

		public void setMaxAttributesPerEvent(int maxAttributesPerEvent) {
			this.maxAttributesPerEvent = maxAttributesPerEvent;
		}

		void validate(Errors errors) {
			rejectNonPositive(errors, "limits.max-attribute-value-length", this.maxAttributeValueLength);
			rejectNonPositive(errors, "limits.max-attributes", this.maxAttributes);
			rejectNonPositive(errors, "limits.max-events", this.maxEvents);
			rejectNonPositive(errors, "limits.max-links", this.maxLinks);
			rejectNonPositive(errors, "limits.max-attributes-per-event", this.maxAttributesPerEvent);
		}

	}

}
