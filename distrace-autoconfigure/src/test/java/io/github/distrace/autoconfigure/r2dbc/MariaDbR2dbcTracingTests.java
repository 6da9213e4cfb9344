package io.github.distrace.autoconfigure.r2dbc;

import java.util.Map;

import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;
import io.github.distrace.test.OtlpReceiver;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R2DBC query spans on the MariaDB server at 127.0.0.1:3306.
 */
@RequiresDatabase(name = "MariaDB", port = 3306)
@SpringBootTest(classes = R2dbcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { AbstractR2dbcTracingTests.PROPERTIES, "test.r2dbc.url=r2dbc:mariadb://root@127.0.0.1:3306/test",
				"test.r2dbc.slow-statement=SELECT SLEEP(0.3)" })
class MariaDbR2dbcTracingTests extends AbstractR2dbcTracingTests {

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
		return "mariadb";
	}

	@Override
	String firstBindMarker() {
		return "?";
	}

	@Override
	String unknownColumnState() {
		return "42S22";
	}

	@Override
	void assertConnectionAttributes(Map<String, String> attributes) {
		assertThat(attributes).containsEntry("db.namespace", "test")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", "3306");
	}

}
