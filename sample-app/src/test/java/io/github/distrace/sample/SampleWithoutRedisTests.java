package io.github.distrace.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the redis profile the sample never touches Redis: it starts and serves the
 * stock lookup with Redis pointed at a port where nothing listens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.exporter=none", "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1" })
class SampleWithoutRedisTests {

	@LocalServerPort
	private int port;

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void startsAndServesTheStockLookupWithoutRedis() {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/stock/3")
			.retrieve()
			.body(String.class);
		assertThat(body).startsWith("stock of 3 for tenant unknown: ");
		assertThat(this.redis).as("Spring Boot still defines its Redis beans").isNotNull();
	}

}
