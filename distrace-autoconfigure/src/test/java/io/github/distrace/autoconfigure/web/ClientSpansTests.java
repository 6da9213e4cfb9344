package io.github.distrace.autoconfigure.web;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code url.full} never holds credentials.
 */
class ClientSpansTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "http://localhost:8080/orders/1?x=1|http://localhost:8080/orders/1?x=1",
			"https://user:secret@api.example.com/v1|https://REDACTED:REDACTED@api.example.com/v1",
			"https://token@api.example.com:8443/|https://REDACTED:REDACTED@api.example.com:8443/",
			"https://s3.example.com/b/k?AWSAccessKeyId=AKIA&Signature=abc%3D&x=1|https://s3.example.com/b/k?AWSAccessKeyId=REDACTED&Signature=REDACTED&x=1",
			"https://example.com/p?sig=s3cr3t&X-Goog-Signature=g#fragment|https://example.com/p?sig=REDACTED&X-Goog-Signature=REDACTED",
			"http://[::1]:8080/ipv6|http://[::1]:8080/ipv6" })
	void fullUrlHasNoCredentials(String uri, String expected) {
		assertThat(ClientSpans.fullUrl(URI.create(uri))).isEqualTo(expected);
	}

}
