package io.github.distrace.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace headers read from a Kafka record by the rules of HTTP headers: one
 * {@code traceparent} or none, several values of another field joined, values that are
 * not text ignored.
 */
class KafkaHeadersTests {

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private final KafkaHeaders getter = new KafkaHeaders(new MalformedHeaderWarning());

	private final RecordHeaders headers = new RecordHeaders();

	@Test
	void oneTraceparentAmongOtherHeadersIsRead() {
		add("orderId", "42");
		add("traceparent", TRACEPARENT);
		add("source", "shop");
		assertThat(this.getter.get(this.headers, "traceparent")).isEqualTo(TRACEPARENT);
	}

	@Test
	void anAbsentHeaderIsNull() {
		add("traceparent", TRACEPARENT);
		assertThat(this.getter.get(this.headers, "baggage")).isNull();
	}

	@Test
	void twoTraceparentsAreIgnored() {
		add("traceparent", TRACEPARENT);
		add("orderId", "42");
		add("traceparent", TRACEPARENT);
		assertThat(this.getter.get(this.headers, "traceparent")).isNull();
	}

	@Test
	void severalValuesOfAnotherFieldAreJoinedInTheirOrder() {
		add("baggage", "tenant=acme");
		add("traceparent", TRACEPARENT);
		add("baggage", "plan=gold");
		add("baggage", "region=eu");
		assertThat(this.getter.get(this.headers, "baggage")).isEqualTo("tenant=acme,plan=gold,region=eu");
	}

	@Test
	void aValueThatIsNotTextMakesTheFieldIgnored() {
		add("baggage", "tenant=acme");
		this.headers.add("baggage", new byte[] { (byte) 0xff, (byte) 0xfe });
		assertThat(this.getter.get(this.headers, "baggage")).isNull();
	}

	@Test
	void aHeaderWithoutValueIsIgnored() {
		this.headers.add("traceparent", null);
		assertThat(this.getter.get(this.headers, "traceparent")).isNull();
	}

	private void add(String key, String value) {
		this.headers.add(key, value.getBytes(StandardCharsets.UTF_8));
	}

}
