package io.github.distrace.autoconfigure.redis;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.LOOP;
import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.SECRET;

/**
 * The requests that the Redis tests of every client send: plain commands, a loop of
 * {@code GET}s, the same loop pipelined and in a transaction, an error reply. Keys start
 * with the {@code test.prefix} property.
 */
@RestController
class RedisCommandsController {

	private final StringRedisTemplate strings;

	private final String prefix;

	RedisCommandsController(StringRedisTemplate strings, Environment environment) {
		this.strings = strings;
		this.prefix = environment.getProperty("test.prefix", "distrace:");
	}

	@GetMapping("/strings")
	String strings() {
		this.strings.opsForValue().set(this.prefix + "name", SECRET);
		String value = this.strings.opsForValue().get(this.prefix + "name");
		this.strings.delete(this.prefix + "name");
		return (value != null) ? "found" : "missing";
	}

	@GetMapping("/loop")
	String loop() {
		for (int i = 1; i <= LOOP; i++) {
			this.strings.opsForValue().get(this.prefix + "user:" + i);
		}
		return "ok";
	}

	@GetMapping("/loop/pipelined")
	String loopPipelined() {
		return String.valueOf(this.strings.executePipelined(new SessionCallback<Object>() {
			@Override
			@SuppressWarnings("unchecked")
			public <K, V> Object execute(RedisOperations<K, V> operations) throws DataAccessException {
				getUsers((RedisOperations<String, String>) operations);
				return null;
			}
		}).size());
	}

	@GetMapping("/loop/transaction")
	String loopTransaction() {
		return String.valueOf(this.strings.execute(new SessionCallback<List<Object>>() {
			@Override
			@SuppressWarnings("unchecked")
			public <K, V> List<Object> execute(RedisOperations<K, V> operations) throws DataAccessException {
				operations.multi();
				getUsers((RedisOperations<String, String>) operations);
				return operations.exec();
			}
		}).size());
	}

	private void getUsers(RedisOperations<String, String> redis) {
		for (int i = 1; i <= LOOP; i++) {
			redis.opsForValue().get(this.prefix + "user:" + i);
		}
	}

	@GetMapping("/wrongtype")
	String wrongType() {
		this.strings.opsForValue().set(this.prefix + "plain", "text");
		return String.valueOf(this.strings.opsForHash().get(this.prefix + "plain", "field"));
	}

}
