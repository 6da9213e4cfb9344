package io.github.distrace.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is API is marked: every public type of distrace is listed in docs/extending.md's
 * "What is public", is an auto-configuration or {@code @ConfigurationProperties} class,
 * or is marked internal in one way only, the sentence {@value #INTERNAL} in its Javadoc
 * or in its package's. Read from the sources, where the Javadoc is.
 */
class PublicTypesTests {

	private static final String INTERNAL = "Internal: not for use outside distrace";

	private static final Path SOURCES = Path.of("src/main/java");

	private static final Pattern PUBLIC_TYPE = Pattern.compile(
			"^public (?:(?:final|abstract|sealed|non-sealed) )*(?:class|interface|enum|record|@interface) (\\w+)",
			Pattern.MULTILINE);

	private static final Pattern DISTRACE_IMPORT = Pattern
		.compile("^import (?:static )?io\\.github\\.distrace\\.(?!test\\.)(?:\\w+\\.)*?([A-Z]\\w*)", Pattern.MULTILINE);

	private static final Pattern LISTED = Pattern.compile("`(\\w+)`");

	@Test
	void everyPublicTypeIsListedOrMarkedInternal() throws IOException {
		Set<String> listed = listedInExtendingPage();
		List<String> unmarked = new ArrayList<>();
		for (PublicType type : publicTypes()) {
			if (!type.internal() && !type.settingsOrAutoConfiguration() && !listed.contains(type.name())) {
				unmarked.add(type.name());
			}
		}
		assertThat(unmarked).as("public types neither listed in docs/extending.md nor marked '%s'", INTERNAL).isEmpty();
	}

	@Test
	void noListedTypeIsMarkedInternalAndEveryListedTypeExists() throws IOException {
		Set<String> listed = listedInExtendingPage();
		Set<String> publicTypes = new TreeSet<>();
		for (PublicType type : publicTypes()) {
			publicTypes.add(type.name());
			assertThat(type.internal() && listed.contains(type.name()))
				.as("%s is listed as public in docs/extending.md but marked internal", type.name())
				.isFalse();
		}
		assertThat(publicTypes).containsAll(listed);
	}

	@Test
	void benchmarksAndSamplesUseOnlyPublicTypesAndDeclaredFixtures() throws IOException {
		Set<String> allowed = listedInExtendingPage();
		for (PublicType type : publicTypes()) {
			if (type.settingsOrAutoConfiguration()) {
				allowed.add(type.name());
			}
		}
		List<String> internalUses = new ArrayList<>();
		for (String module : List.of("../benchmarks/src/main/java", "../sample-app/src",
				"../sample-reactive-app/src")) {
			try (Stream<Path> files = Files.walk(Path.of(module))) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					Matcher imported = DISTRACE_IMPORT.matcher(Files.readString(file));
					while (imported.find()) {
						String name = imported.group(1);
						if (!allowed.contains(name) && !name.endsWith("Fixture")) {
							internalUses.add(file.getFileName() + " uses " + name);
						}
					}
				}
			}
		}
		assertThat(internalUses).as("uses of distrace's internal types outside it").isEmpty();
	}

	private static Set<String> listedInExtendingPage() throws IOException {
		String page = Files.readString(Path.of("../docs/extending.md"));
		int start = page.indexOf("## What is public");
		int end = page.indexOf("\n## ", start + 1);
		assertThat(start).as("docs/extending.md has a 'What is public' section").isNotNegative();
		Set<String> names = new TreeSet<>();
		for (String row : page.substring(start, end).split("\n")) {
			if (row.startsWith("| `")) {
				Matcher name = LISTED.matcher(row.substring(0, row.indexOf(" | ", 2)));
				while (name.find()) {
					names.add(name.group(1));
				}
			}
		}
		assertThat(names).isNotEmpty();
		return names;
	}

	private static List<PublicType> publicTypes() throws IOException {
		List<PublicType> types = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				if (file.getFileName().toString().equals("package-info.java")) {
					continue;
				}
				String source = Files.readString(file);
				Matcher declaration = PUBLIC_TYPE.matcher(source);
				if (declaration.find()) {
					String header = source.substring(0, declaration.start());
					Path packageInfo = file.resolveSibling("package-info.java");
					boolean internalPackage = Files.exists(packageInfo)
							&& Files.readString(packageInfo).contains(INTERNAL);
					types.add(new PublicType(declaration.group(1), internalPackage || header.contains(INTERNAL),
							header.contains("\n@AutoConfiguration") || header.contains("\n@ConfigurationProperties")));
				}
			}
		}
		assertThat(types).hasSizeGreaterThan(40);
		return types;
	}

	private record PublicType(String name, boolean internal, boolean settingsOrAutoConfiguration) {

	}

}
