package io.github.distrace.autoconfigure.ui.otlp;

import io.github.distrace.autoconfigure.ui.TraceStore;
import io.opentelemetry.sdk.trace.SpanLimits;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loopback-only rule of the OTLP receiver, with mock requests (a client from another
 * address cannot be made on a test machine); receiving is tested on a real server.
 */
class OtlpReceiverServletTests {

	private final TraceStore store = new TraceStore(10, 10);

	@Test
	void refusesOtlpFromOtherClients() throws Exception {
		assertThat(post("10.0.0.7", false).getStatus()).isEqualTo(403);
	}

	@Test
	void receivesOtlpFromLoopbackClients() throws Exception {
		assertThat(post("127.0.0.1", false).getStatus()).isEqualTo(200);
	}

	@Test
	void receivesOtlpFromOtherClientsWhenAllowed() throws Exception {
		assertThat(post("10.0.0.7", true).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse post(String remoteAddress, boolean allowRemote) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/distrace/v1/traces");
		request.setServletPath("/distrace/v1/traces");
		request.setRemoteAddr(remoteAddress);
		request.setContentType("application/x-protobuf");
		request.setContent(new byte[0]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		OtlpIngestion ingestion = new OtlpIngestion(this.store, new OtlpTraceDecoder(SpanLimits.getDefault()), 1024);
		new OtlpReceiverServlet(ingestion, allowRemote).service(request, response);
		return response;
	}

}
