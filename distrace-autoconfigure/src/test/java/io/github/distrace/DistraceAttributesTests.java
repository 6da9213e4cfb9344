package io.github.distrace;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.opentelemetry.api.common.AttributeKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DistraceAttributes} is the one home of the attribute and event names distrace
 * adds: no other main source declares one, so a rename cannot silently leave a keep rule
 * or the viewer reading the old name, and each is documented.
 */
class DistraceAttributesTests {

	// An attribute key or an event made from a string, or a string constant in the
	// attributes' namespaces: what only DistraceAttributes may do.
	private static final Pattern DECLARED_NAME = Pattern.compile("(?:Key\\(|addEvent\\()\"(distrace\\.[a-z_.]+)\""
			+ "|String \\w+ = \"(distrace\\.(?:db|n_plus_one|sampling|startup)[a-z_.]*)\"");

	@Test
	void noOtherMainSourceDeclaresAnAttributeOrEventName() throws IOException {
		List<String> declarations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				if (file.getFileName().toString().equals("DistraceAttributes.java")) {
					continue;
				}
				Matcher matcher = DECLARED_NAME.matcher(Files.readString(file));
				while (matcher.find()) {
					String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
					if (!isPropertyOrMetricName(name)) {
						declarations.add(file.getFileName() + ": " + name);
					}
				}
			}
		}
		assertThat(declarations).as("attribute or event names declared outside DistraceAttributes").isEmpty();
	}

	@Test
	void everyNameIsDocumented() throws Exception {
		StringBuilder docs = new StringBuilder();
		try (Stream<Path> pages = Files.list(Path.of("..", "docs"))) {
			for (Path page : pages.filter((path) -> path.toString().endsWith(".md")).toList()) {
				docs.append(Files.readString(page));
			}
		}
		List<String> names = names();
		assertThat(names).hasSizeGreaterThan(10);
		assertThat(names).allSatisfy((name) -> assertThat(docs).as("docs/ naming %s", name).contains("`" + name));
	}

	private static List<String> names() throws IllegalAccessException {
		List<String> names = new ArrayList<>();
		for (Field field : DistraceAttributes.class.getDeclaredFields()) {
			if (Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())) {
				Object value = field.get(null);
				names.add((value instanceof AttributeKey<?> key) ? key.getKey() : (String) value);
			}
		}
		return names;
	}

	// Properties (distrace.jdbc.enabled) and meters (distrace.db.queries) are named
	// elsewhere on purpose.
	private static boolean isPropertyOrMetricName(String name) {
		return name.endsWith(".enabled") || name.contains("-") || name.startsWith("distrace.spans.")
				|| name.startsWith("distrace.traces.") || name.equals("distrace.db.queries");
	}

}
