package io.github.distrace.autoconfigure.web.reactive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keep rules at a head ratio of 0 serve a reactive request as a local root: its trace
 * is exported when it fails, and only then.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "distrace.sampler.type=parentbased_traceidratio",
				"distrace.sampler.ratio=0", "distrace.batch.schedule-delay=50ms" })
class WebFluxKeepRulesTests {

	private static final OtlpReceiver receiver = receiver();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@Test
	void erroringRequestIsKeptAndASuccessfulOneIsNot() throws Exception {
		HttpResponse<String> ok = get("/chain/kept-not");
		assertThat(ok.statusCode()).isEqualTo(200);
		HttpResponse<String> failed = get("/fail");
		assertThat(failed.statusCode()).isEqualTo(500);
		ReceivedSpan server = receiver.awaitSpan("GET /fail");
		assertThat(server.statusCode()).isEqualTo("ERROR");
		assertThat(server.attributes()).containsEntry("distrace.sampling.kept", "error");
		assertThat(failed.headers().firstValue("traceresponse"))
			.hasValueSatisfying((header) -> assertThat(header).contains(server.traceId()));
		// Sent after the failed request: once it is received, the successful one was
		// dropped.
		get("/fail");
		receiver.awaitSpans((span) -> span.name().equals("GET /fail"), 2);
		assertThat(receiver.spans()).noneMatch((span) -> span.name().equals("GET /chain/{id}"));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					BodyHandlers.ofString());
	}

	private static OtlpReceiver receiver() {
		try {
			return OtlpReceiver.http();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
