package io.github.distrace.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package structure, checked on every build: what CONTRIBUTING.md describes, held by
 * a test rather than by care.
 * <ul>
 * <li>The public API, {@code io.github.distrace}, depends on nothing of the
 * auto-configuration.</li>
 * <li>A feature package ({@code autoconfigure.jdbc}, {@code autoconfigure.web}, … with
 * its sub-packages) uses the API, the shared internals ({@code sdk.internal},
 * {@code sql}) and libraries, never another feature nor the core ({@code sdk}, with its
 * propagators and keep rules): features meet through beans and span attributes. The
 * exceptions: a feature may read another's settings through that feature's
 * {@code @ConfigurationProperties} class (R2DBC follows {@code distrace.jdbc.*}), never
 * through property names of its own, and an auto-configuration names the ones it comes
 * after by their classes.</li>
 * <li>The core depends on no feature.</li>
 * <li>No cycles between packages.</li>
 * </ul>
 */
class PackageRulesTests {

	private static final String API = "io.github.distrace";

	private static final String AUTOCONFIGURE = API + ".autoconfigure";

	/**
	 * Packages every feature may use: helpers shared on purpose, public only so that
	 * sibling packages reach them.
	 */
	private static final List<String> SHARED = List.of(AUTOCONFIGURE + ".sdk.internal..", AUTOCONFIGURE + ".sql..");

	/**
	 * The core that features build on: the SDK's configuration with its propagators
	 * ({@code sdk.propagation}) and keep rules ({@code sdk.sampling}), which depends on
	 * no feature either.
	 */
	private static final List<String> CORE = List.of(AUTOCONFIGURE + ".sdk..");

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(API);

	@Test
	void apiDependsOnNothingOfTheAutoConfiguration() {
		noClasses().that()
			.resideInAPackage(API)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(AUTOCONFIGURE + "..")
			.because("the API must stay usable and stable whatever the auto-configuration does")
			.check(classes);
	}

	@Test
	void featuresDependOnNoOtherFeature() {
		Set<String> features = features();
		assertThat(features).contains("jdbc", "web", "insight", "ui");
		for (String feature : features) {
			String own = AUTOCONFIGURE + "." + feature + "..";
			ArchRule rule = noClasses().that()
				.resideInAPackage(own)
				.should()
				.dependOnClassesThat(outsideSharedAndOwn(own))
				.because("features meet through beans and span attributes, not through each other's classes");
			rule.check(classes);
		}
	}

	@Test
	void coreDependsOnNoFeature() {
		for (String core : CORE) {
			noClasses().that()
				.resideInAPackage(core)
				.should()
				.dependOnClassesThat(otherFeatureThan(core))
				.because("every feature builds on the core, so the core can use none")
				.check(classes);
		}
	}

	@Test
	void noCyclesBetweenPackages() {
		slices().matching(API + ".(**)").should().beFreeOfCycles().check(classes);
	}

	/**
	 * The feature packages: every package directly below {@code autoconfigure} that is
	 * neither core nor shared.
	 */
	private static Set<String> features() {
		Set<String> features = new TreeSet<>();
		for (JavaClass type : classes) {
			String name = type.getPackageName();
			if (name.startsWith(AUTOCONFIGURE + ".") && !isCoreOrShared(name)) {
				features.add(name.substring(AUTOCONFIGURE.length() + 1).split("\\.")[0]);
			}
		}
		return features;
	}

	private static DescribedPredicate<JavaClass> outsideSharedAndOwn(String own) {
		String ownPrefix = own.substring(0, own.length() - 2);
		return DescribedPredicate.describe("reside in a package of distrace's auto-configuration other than "
				+ ownPrefix + " and the shared ones, and are neither settings nor auto-configurations", (type) -> {
					String name = type.getPackageName();
					return name.startsWith(AUTOCONFIGURE + ".") && !isShared(name)
							&& !(name.equals(ownPrefix) || name.startsWith(ownPrefix + "."))
							&& !isSettingsOrOrdering(type);
				});
	}

	// A @ConfigurationProperties class, or a type nested in one (its enums and groups);
	// or an auto-configuration, which another names to be ordered after it.
	private static boolean isSettingsOrOrdering(JavaClass type) {
		JavaClass outermost = type;
		while (outermost.getEnclosingClass().isPresent()) {
			outermost = outermost.getEnclosingClass().get();
		}
		return outermost.isAnnotatedWith(ConfigurationProperties.class)
				|| outermost.isAnnotatedWith(AutoConfiguration.class);
	}

	private static DescribedPredicate<JavaClass> otherFeatureThan(String own) {
		String ownPrefix = own.substring(0, own.length() - 2);
		return DescribedPredicate.describe("reside in a feature package other than " + ownPrefix, (type) -> {
			String name = type.getPackageName();
			return name.startsWith(AUTOCONFIGURE + ".") && !isCoreOrShared(name)
					&& !(name.equals(ownPrefix) || name.startsWith(ownPrefix + "."));
		});
	}

	private static boolean isShared(String packageName) {
		for (String pattern : SHARED) {
			if (inPackage(packageName, pattern)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isCoreOrShared(String packageName) {
		if (isShared(packageName)) {
			return true;
		}
		for (String pattern : CORE) {
			if (inPackage(packageName, pattern)) {
				return true;
			}
		}
		return false;
	}

	private static boolean inPackage(String packageName, String pattern) {
		String prefix = pattern.substring(0, pattern.length() - 2);
		return packageName.equals(prefix) || packageName.startsWith(prefix + ".");
	}

}
