package io.github.distrace.autoconfigure.r2dbc;

import java.util.Map;

import io.github.distrace.test.OtlpReceiver;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R2DBC query spans on an in-memory H2 database.
 */
@SpringBootTest(classes = R2dbcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { AbstractR2dbcTracingTests.PROPERTIES,
				"test.r2dbc.url=r2dbc:h2:mem:///distrace_r2dbc?options=DB_CLOSE_DELAY=-1",
				"test.r2dbc.set-up=CREATE ALIAS IF NOT EXISTS DISTRACE_SLEEP FOR 'java.lang.Thread.sleep(long)'",
				"test.r2dbc.slow-statement=CALL DISTRACE_SLEEP(300)" })
class H2R2dbcTracingTests extends AbstractR2dbcTracingTests {

	private static final OtlpReceiver receiver = newReceiver();

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		exportTo(receiver, registry);
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@Override
	OtlpReceiver receiver() {
		return receiver;
	}

	@Override
	String system() {
		return "h2database";
	}

	@Override
	String firstBindMarker() {
		return "$1";
	}

	@Override
	String unknownColumnState() {
		return "42S22";
	}

	@Override
	void assertConnectionAttributes(Map<String, String> attributes) {
		assertThat(attributes).containsEntry("db.namespace", "distrace_r2dbc").doesNotContainKey("server.address");
	}

}
