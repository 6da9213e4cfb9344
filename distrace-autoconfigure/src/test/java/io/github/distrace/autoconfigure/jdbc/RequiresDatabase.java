package io.github.distrace.autoconfigure.jdbc;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Tests against a real database server. With {@code CI=true} they always run, and fail
 * when the server is missing; elsewhere they are skipped, with a message, when nothing
 * listens on the server's port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDatabase.Condition.class)
public @interface RequiresDatabase {

	String name();

	int port();

	String host() default "127.0.0.1";

	class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			RequiresDatabase database = context.getTestClass()
				.map((type) -> AnnotatedElementUtils.findMergedAnnotation(type, RequiresDatabase.class))
				.orElse(null);
			if (database == null) {
				return ConditionEvaluationResult.enabled("no database required");
			}
			String where = database.name() + " at " + database.host() + ":" + database.port();
			if ("true".equals(System.getenv("CI"))) {
				return ConditionEvaluationResult.enabled("CI=true: " + where + " is required");
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(database.host(), database.port()), 1000);
				return ConditionEvaluationResult.enabled(where + " is reachable");
			}
			catch (IOException ex) {
				return ConditionEvaluationResult.disabled(where + " is not reachable (" + ex.getMessage()
						+ "); start it to run these tests, which CI (CI=true) requires");
			}
		}

	}

}
