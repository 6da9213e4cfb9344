package io.github.distrace.autoconfigure.ui;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The loopback-only rule of the viewer's servlet.
 */
class ViewerServletTests extends AbstractViewerAccessTests {

	@Override
	Answer get(String remoteAddress, boolean allowRemote) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/distrace/api/traces");
		request.setServletPath("/distrace");
		request.setPathInfo("/api/traces");
		request.setRemoteAddr(remoteAddress);
		MockHttpServletResponse response = new MockHttpServletResponse();
		new ViewerServlet(this.store, allowRemote).service(request, response);
		return new Answer(response.getStatus(), response.getContentAsString(),
				response.getHeader("Content-Security-Policy"));
	}

}
