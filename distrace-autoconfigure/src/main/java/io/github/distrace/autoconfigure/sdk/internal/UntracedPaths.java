package io.github.distrace.autoconfigure.sdk.internal;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Request paths that a feature serves itself and that get no server span: the embedded
 * viewer's, whose page polls the application every few seconds. The feature that serves
 * them declares a bean; the server span filter collects every such bean, so that neither
 * feature depends on the other and each path is known in one place.
 * <p>
 * Internal: not for use outside distrace; {@code distrace.web.exclude} is the
 * application's way to exclude paths.
 *
 * @author distrace
 */
@FunctionalInterface
public interface UntracedPaths {

	/**
	 * Return the paths, as Ant patterns relative to the context path.
	 * @return the path patterns
	 */
	List<String> patterns();

	/**
	 * Return the paths that get no server span: the configured exclusions and the paths
	 * of every {@code UntracedPaths} bean.
	 * @param configured the exclusions the application configured
	 * @param untracedPaths the beans
	 * @return all the path patterns
	 */
	static List<String> withConfigured(List<String> configured, ObjectProvider<UntracedPaths> untracedPaths) {
		return Stream
			.concat(configured.stream(), untracedPaths.orderedStream().flatMap((paths) -> paths.patterns().stream()))
			.toList();
	}

}
