package io.github.distrace.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code distrace.*} property has IDE metadata with a description, and appears in
 * the property reference, {@code docs/configuration.md}, with the metadata's default; the
 * README's table of the first properties names real ones, with their defaults.
 */
class ConfigurationMetadataTests {

	// A row of the reference: | `name` | `default`, else ... | meaning |
	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]*)\\|", Pattern.MULTILINE);

	private static final Pattern FIRST_VALUE = Pattern.compile("^`([^`]*)`");

	private static final Path CONFIGURATION = Path.of("..", "docs", "configuration.md");

	private static final Path README = Path.of("..", "README.md");

	@Test
	void everyPropertyHasADescription() throws IOException {
		assertThat(properties()).isNotEmpty()
			.allSatisfy(
					(property) -> assertThat(property.get("description")).as("description of %s", property.get("name"))
						.asString()
						.isNotBlank());
	}

	@Test
	void everyPropertyIsInTheConfigurationReference() throws IOException {
		Map<String, String> reference = reference(CONFIGURATION);
		assertThat(properties()).allSatisfy((property) -> assertThat(reference).containsKey(name(property)));
	}

	@Test
	void theConfigurationReferenceNamesOnlyRealProperties() throws IOException {
		List<String> names = properties().stream().map(ConfigurationMetadataTests::name).toList();
		assertThat(reference(CONFIGURATION).keySet()).allSatisfy((name) -> assertThat(names).contains(name));
	}

	@Test
	void everyDefaultInTheMetadataIsTheOneInTheConfigurationReference() throws IOException {
		Map<String, String> reference = reference(CONFIGURATION);
		assertThat(properties()).filteredOn((property) -> property.get("defaultValue") != null)
			.isNotEmpty()
			.allSatisfy(
					(property) -> assertDefault(CONFIGURATION, property, reference.getOrDefault(name(property), "")));
	}

	@Test
	void theReadmesFirstPropertiesAreRealWithTheirDefaults() throws IOException {
		Map<String, String> readme = reference(README);
		List<Map<String, Object>> properties = properties();
		assertThat(readme).isNotEmpty();
		readme.forEach((name, defaultCell) -> {
			Map<String, Object> property = properties.stream()
				.filter((candidate) -> name(candidate).equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError("README.md names no property " + name));
			if (property.get("defaultValue") != null) {
				assertDefault(README, property, defaultCell);
			}
		});
	}

	private static void assertDefault(Path page, Map<String, Object> property, String defaultCell) {
		String expected = text(property.get("defaultValue"));
		Matcher value = FIRST_VALUE.matcher(defaultCell);
		assertThat(value.find()).as("default of %s in %s", name(property), page).isTrue();
		assertThat(sameValue(value.group(1), expected))
			.as("default of %s: %s says %s, the metadata %s", name(property), page, value.group(1), expected)
			.isTrue();
	}

	private static String name(Map<String, Object> property) {
		boolean isMap = String.valueOf(property.get("type")).startsWith("java.util.Map");
		return property.get("name") + (isMap ? ".*" : "");
	}

	private static String text(Object defaultValue) {
		if (defaultValue instanceof List<?> list) {
			return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
		}
		return String.valueOf(defaultValue);
	}

	// 1.0 and 1, 0 and 0.0 are the same number.
	private static boolean sameValue(String documented, String metadata) {
		if (documented.equals(metadata)) {
			return true;
		}
		try {
			return new BigDecimal(documented).compareTo(new BigDecimal(metadata)) == 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/**
	 * Return the rows of a property table: the property's name and its default cell.
	 */
	private static Map<String, String> reference(Path file) throws IOException {
		String page = Files.readString(file);
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher row = ROW.matcher(page);
		while (row.find()) {
			// The distrace endpoint's settings are Spring Boot's, under its prefix.
			if (row.group(1).startsWith("distrace.") || row.group(1).startsWith("management.endpoint.distrace.")) {
				rows.put(row.group(1), row.group(2).trim());
			}
		}
		return rows;
	}

	private static List<Map<String, Object>> properties() throws IOException {
		try (InputStream metadata = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("configuration metadata").isNotNull();
			List<Map<String, Object>> properties = JsonPath.read(metadata, "$.properties[*]");
			return properties;
		}
	}

}
