package io.github.distrace.autoconfigure.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loopback-only rule, the same for each front of the viewer. A client from another
 * address cannot be made on a test machine, so the rule is checked with mock requests;
 * everything else about the viewer is tested on a real server.
 */
abstract class AbstractViewerAccessTests {

	final TraceStore store = new TraceStore(10, 10);

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1" })
	void servesLoopbackClients(String address) throws Exception {
		assertThat(get(address, false).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.7", "192.168.1.20", "2001:db8::1", "::ffff:10.0.0.1", "localhost", "example.com",
			"127.0.0.1.example.com", "" })
	void refusesOtherClients(String address) throws Exception {
		Answer answer = get(address, false);
		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.body()).contains("distrace.ui.allow-remote=true");
		assertThat(answer.contentSecurityPolicy()).contains("script-src 'self'");
	}

	@Test
	void servesOtherClientsWhenAllowed() throws Exception {
		assertThat(get("10.0.0.7", true).status()).isEqualTo(200);
	}

	/**
	 * Answer {@code GET /distrace/api/traces} from a client at the given address.
	 * @param remoteAddress the client's address, as the server tells it
	 * @param allowRemote whether {@code distrace.ui.allow-remote} is set
	 * @return the answer
	 * @throws Exception if the request cannot be served
	 */
	abstract Answer get(String remoteAddress, boolean allowRemote) throws Exception;

	record Answer(int status, String body, String contentSecurityPolicy) {
	}

}
