package io.github.distrace.autoconfigure.sdk;

/**
 * Transport of the OTLP exporter.
 *
 * @author distrace
 */
public enum OtlpProtocol {

	/**
	 * Protobuf over HTTP/1.1, posted to {@code {endpoint}/v1/traces}.
	 */
	HTTP_PROTOBUF("http/protobuf"),

	/**
	 * Protobuf over gRPC.
	 */
	GRPC("grpc");

	private final String value;

	OtlpProtocol(String value) {
		this.value = value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
