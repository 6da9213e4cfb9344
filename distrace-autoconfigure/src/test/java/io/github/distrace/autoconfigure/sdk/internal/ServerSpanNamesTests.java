package io.github.distrace.autoconfigure.sdk.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSpanNamesTests {

	private final ServerSpanNames names = new ServerSpanNames();

	@Test
	void nameIsMethodAndRoute() {
		assertThat(this.names.name("GET", "/orders/{id}")).isEqualTo("GET /orders/{id}");
		assertThat(this.names.name("POST", "/orders/{id}")).isEqualTo("POST /orders/{id}");
		assertThat(this.names.name("GET", "/orders")).isEqualTo("GET /orders");
	}

	@Test
	void sameMethodAndRouteGetTheSameName() {
		assertThat(this.names.name("GET", "/orders/{id}")).isSameAs(this.names.name("GET", new String("/orders/{id}")));
	}

	@Test
	void routesPastTheLimitAreStillNamed() {
		for (int i = 0; i < 1500; i++) {
			assertThat(this.names.name("HTTP", "/route/" + i)).isEqualTo("HTTP /route/" + i);
		}
		assertThat(this.names.name("HTTP", "/route/1499")).isEqualTo("HTTP /route/1499");
	}

}
