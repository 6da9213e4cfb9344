package io.github.distrace.sample;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The stock of a product, with the redis profile read through a Redis cache: a
 * {@code GET} that finds it, else the lookup and a {@code SET} with an expiry, each a
 * Redis span in the trace. Without the profile nothing touches Redis, so the sample
 * starts without it.
 */
@Component
class StockLevels {

	private static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);

	private final boolean cached;

	private final ObjectProvider<StringRedisTemplate> redis;

	StockLevels(@Value("${sample.stock-cache.enabled:false}") boolean cached,
			ObjectProvider<StringRedisTemplate> redis) {
		this.cached = cached;
		this.redis = redis;
	}

	String stock(long id) {
		StringRedisTemplate redis = this.cached ? this.redis.getIfAvailable() : null;
		if (redis == null) {
			return lookUp(id);
		}
		String key = "stock:" + id;
		String stock = redis.opsForValue().get(key);
		if (stock == null) {
			stock = lookUp(id);
			redis.opsForValue().set(key, stock, TIME_TO_LIVE);
		}
		return stock;
	}

	private String lookUp(long id) {
		return String.valueOf(100 + id % 7);
	}

}
