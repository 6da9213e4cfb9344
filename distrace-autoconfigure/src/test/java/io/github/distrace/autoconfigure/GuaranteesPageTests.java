package io.github.distrace.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test that {@code docs/guarantees.md} names as the proof of a guarantee exists:
 * {@code Class}, {@code Class#method}, and {@code #method} for another method of the
 * class named before it in the same cell, looked up in the test sources of every module.
 */
class GuaranteesPageTests {

	private static final Pattern NAME = Pattern.compile("`([A-Z]\\w*Tests)?(?:#(\\w+))?`");

	@Test
	void everyTestThePageNamesExists() throws IOException {
		Map<String, Path> testClasses = testClasses();
		List<String> named = namedTests();
		assertThat(named).hasSizeGreaterThan(40).allSatisfy((test) -> {
			String[] parts = test.split("#", 2);
			assertThat(testClasses).as("test class %s", parts[0]).containsKey(parts[0]);
			if (parts.length == 2) {
				assertThat(Files.readString(testClasses.get(parts[0]))).as("test method %s", test)
					.containsPattern("\\bvoid " + parts[1] + "\\(");
			}
		});
	}

	// The second column of each table row: Class, Class#method or #method (of the last
	// class).
	private static List<String> namedTests() throws IOException {
		List<String> named = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("..", "docs", "guarantees.md"))) {
			String[] cells = line.split(" \\| ");
			if (!line.startsWith("| ") || cells.length < 2 || line.startsWith("| guarantee")) {
				continue;
			}
			Matcher name = NAME.matcher(cells[cells.length - 1]);
			String lastClass = null;
			while (name.find()) {
				String type = Optional.ofNullable(name.group(1)).orElse(lastClass);
				if (type == null) {
					continue;
				}
				lastClass = type;
				named.add((name.group(2) != null) ? type + "#" + name.group(2) : type);
			}
		}
		return named;
	}

	private static Map<String, Path> testClasses() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of(".."))) {
			return files.filter((file) -> file.toString().contains("/src/test/java/"))
				.filter((file) -> file.getFileName().toString().endsWith("Tests.java"))
				.collect(Collectors.toMap((file) -> file.getFileName().toString().replace(".java", ""), (file) -> file,
						(first, second) -> first));
		}
	}

}
