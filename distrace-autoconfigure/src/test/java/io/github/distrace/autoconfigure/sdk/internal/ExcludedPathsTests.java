package io.github.distrace.autoconfigure.sdk.internal;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.AntPathMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

class ExcludedPathsTests {

	private static final List<String> PATHS = List.of("", "/", "//", "/actuator", "/actuator/", "/actuator//",
			"/actuator/health", "/actuator/health/liveness", "//actuator", "//actuator//health", "/actuatorx",
			"/actuator-x/health", "/xactuator", "/x/actuator", "/ACTUATOR/health", "/actuator/../orders",
			"/actuator/health/", "actuator/health", "/internal", "/internal/ping", "/internal/ping/x", "/internal.json",
			"/internalx/ping", "/distrace", "/distrace/api/traces", "/distrace.html", "/a/b", "/a/b/c", "/a//b/c",
			"/a/bc", "/ab/c", "/a", "/a/", "/orders/42", "/orders/{id}", "/a b/c", "/actuator/*", "/*/health",
			"/{x}/y");

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/**", "/internal/**", "/distrace/**", "/**", "/a/b/**", "/a//b/**", "//a/b/**",
			"/actuator//**", "/a b/**", "/internal/*", "/a/**/c", "/**/health", "/a*/**", "/a?/**", "/{x}/**",
			"/a\\b/**", "/actuator/**/", "/actuator/**/**", "/actuator/***", "/actuator**", "/orders/{id}",
			"/actuator" })
	void matchesAsAntPathMatcherDoes(String pattern) {
		AntPathMatcher matcher = new AntPathMatcher();
		ExcludedPaths excludedPaths = new ExcludedPaths(List.of(pattern));
		assertSoftly((softly) -> {
			for (String path : PATHS) {
				softly.assertThat(excludedPaths.matches(path))
					.as("'%s' against '%s'", path, pattern)
					.isEqualTo(matcher.match(pattern, path));
			}
		});
	}

	@Test
	void matchesWhenAnyPatternMatches() {
		ExcludedPaths excludedPaths = new ExcludedPaths(List.of("/actuator/**", "/internal/*"));
		assertThat(excludedPaths.matches("/actuator/health")).isTrue();
		assertThat(excludedPaths.matches("/internal/ping")).isTrue();
		assertThat(excludedPaths.matches("/orders/42")).isFalse();
	}

	@Test
	void noPatternsMatchNothing() {
		ExcludedPaths excludedPaths = new ExcludedPaths(List.of());
		assertThat(excludedPaths.isEmpty()).isTrue();
		assertThat(excludedPaths.matches("/actuator/health")).isFalse();
	}

}
