package io.github.distrace.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code distrace.*} property has IDE metadata with a description, and appears in
 * the README's property reference.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws IOException {
		assertThat(properties()).isNotEmpty().allSatisfy((property) -> assertThat(property.get("description"))
			.as("description of %s", property.get("name"))
			.asString()
			.isNotBlank());
	}

	@Test
	void everyPropertyIsInTheReadme() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		assertThat(properties()).allSatisfy((property) -> {
			String name = (String) property.get("name");
			boolean isMap = String.valueOf(property.get("type")).startsWith("java.util.Map");
			assertThat(readme).contains("`" + name + (isMap ? ".*" : "") + "`");
		});
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
