package io.github.distrace.autoconfigure.sdk;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text of a failed export, as the health endpoint shows it: what went wrong, and
 * nothing secret.
 */
class ExportOutcomesTests {

	private final ExportOutcomes outcomes = new ExportOutcomes(List.of("s3cret-key", ""));

	@Test
	void innermostCauseWithAMessageIsShown() {
		IOException failure = new IOException("Failed to connect to /10.0.0.1:4318",
				new ConnectException("Connection refused"));
		assertThat(this.outcomes.describe(new IllegalStateException(null, failure)))
			.isEqualTo("ConnectException: Connection refused");
	}

	@Test
	void exportersExceptionWithoutCauseIsAnErrorAnswer() {
		assertThat(this.outcomes.describe(new IllegalStateException()))
			.isEqualTo("IllegalStateException: the receiver answered with an error");
	}

	@Test
	void headerValuesUserInfoAndLineBreaksNeverShow() {
		String described = this.outcomes.describe(new SSLHandshakeException(
				"handshake with https://user:pa55@collector:4318 failed\nsent x-api-key: s3cret-key"));
		assertThat(described).doesNotContain("s3cret-key")
			.doesNotContain("pa55")
			.doesNotContain("\n")
			.contains("https://collector:4318")
			.contains(ExportOutcomes.MASK);
	}

	@Test
	void longTextIsCut() {
		assertThat(this.outcomes.describe(new IOException("x".repeat(10_000)))).hasSizeLessThan(320);
	}

	@Test
	void endpointLosesUserInfoAndQuery() {
		assertThat(ExportOutcomes.sanitizedEndpoint("https://user:pa55@collector:4318/v1/traces?token=t"))
			.isEqualTo("https://collector:4318/v1/traces");
		assertThat(ExportOutcomes.sanitizedEndpoint("http://127.0.0.1:4317")).isEqualTo("http://127.0.0.1:4317");
	}

}
