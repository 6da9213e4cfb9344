package io.github.distrace.autoconfigure.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loopback-only rule. A client from another address cannot be made on a test
 * machine, so the rule is checked with mock requests; everything else about the servlet
 * is tested on a real server.
 */
class ViewerServletTests {

	private final TraceStore store = new TraceStore(10, 10);

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1" })
	void servesLoopbackClients(String address) throws Exception {
		assertThat(get(address, false).getStatus()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.7", "192.168.1.20", "2001:db8::1", "::ffff:10.0.0.1", "localhost", "example.com",
			"127.0.0.1.example.com", "" })
	void refusesOtherClients(String address) throws Exception {
		MockHttpServletResponse response = get(address, false);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("distrace.ui.allow-remote=true");
		assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'");
	}

	@Test
	void servesOtherClientsWhenAllowed() throws Exception {
		assertThat(get("10.0.0.7", true).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse get(String remoteAddress, boolean allowRemote) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/distrace/api/traces");
		request.setServletPath("/distrace");
		request.setPathInfo("/api/traces");
		request.setRemoteAddr(remoteAddress);
		MockHttpServletResponse response = new MockHttpServletResponse();
		servlet(allowRemote).service(request, response);
		return response;
	}

	private ViewerServlet servlet(boolean allowRemote) {
		return new ViewerServlet(this.store, allowRemote);
	}

}
