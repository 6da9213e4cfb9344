package io.github.distrace.autoconfigure.sdk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.info.BuildProperties;
import org.springframework.util.StringUtils;

/**
 * The resource attributes distrace finds out by itself, so that two replicas of a service
 * can be told apart: the service instance, host, operating system, process, runtime,
 * container, and the application's version from Spring Boot's build info. Each is read
 * from the JVM or a small file, unless its {@link ResourceDetector} is turned off; the
 * configured attributes are merged over them.
 *
 * @author distrace
 */
final class DetectedResource {

	/**
	 * One per process, as the semantic conventions ask, so that every application context
	 * of a JVM reports the same instance.
	 */
	private static final String SERVICE_INSTANCE_ID = UUID.randomUUID().toString();

	private DetectedResource() {
	}

	static Resource detect(@Nullable BuildProperties buildProperties) {
		return detect(buildProperties, Set.of());
	}

	static Resource detect(@Nullable BuildProperties buildProperties, Set<ResourceDetector> disabled) {
		ResourceBuilder builder = Resource.builder();
		if (!disabled.contains(ResourceDetector.SERVICE_INSTANCE)) {
			builder.put("service.instance.id", SERVICE_INSTANCE_ID);
		}
		if (!disabled.contains(ResourceDetector.BUILD) && buildProperties != null) {
			putIfText(builder, "service.version", buildProperties.getVersion());
		}
		if (!disabled.contains(ResourceDetector.HOST)) {
			putIfText(builder, "host.name", hostName());
			builder.put("host.arch", hostArch(System.getProperty("os.arch", "")));
		}
		if (!disabled.contains(ResourceDetector.OS)) {
			builder.put("os.type", osType(System.getProperty("os.name", "")));
			builder.put("os.description",
					System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""));
		}
		if (!disabled.contains(ResourceDetector.PROCESS)) {
			builder.put(AttributeKey.longKey("process.pid"), ProcessHandle.current().pid());
			builder.put("process.executable.path", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		}
		if (!disabled.contains(ResourceDetector.RUNTIME)) {
			putIfText(builder, "process.runtime.name", System.getProperty("java.runtime.name"));
			putIfText(builder, "process.runtime.version", System.getProperty("java.runtime.version"));
			builder.put("process.runtime.description", System.getProperty("java.vm.vendor") + " "
					+ System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
		}
		if (!disabled.contains(ResourceDetector.CONTAINER)) {
			putIfText(builder, "container.id", ContainerId.ofThisProcess());
		}
		return builder.build();
	}

	private static void putIfText(ResourceBuilder builder, String key, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			builder.put(key, value);
		}
	}

	/**
	 * The name the platform gives the host (a pod's name on Kubernetes) when it exports
	 * one, as that needs no name lookup; else the local host's name.
	 */
	private static @Nullable String hostName() {
		String name = System.getenv("HOSTNAME");
		if (!StringUtils.hasText(name)) {
			name = System.getenv("COMPUTERNAME");
		}
		if (StringUtils.hasText(name)) {
			return name;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * The semantic conventions' name for the JVM's {@code os.arch}.
	 */
	static String hostArch(String osArch) {
		return switch (osArch) {
			case "amd64", "x86_64" -> "amd64";
			case "aarch64", "arm64" -> "arm64";
			case "x86", "i386", "i486", "i586", "i686" -> "x86";
			case "ppc64le" -> "ppc64";
			default -> osArch;
		};
	}

	/**
	 * The semantic conventions' name for the JVM's {@code os.name}.
	 */
	static String osType(String osName) {
		String name = osName.toLowerCase(Locale.ROOT);
		if (name.startsWith("windows")) {
			return "windows";
		}
		if (name.startsWith("mac")) {
			return "darwin";
		}
		if (name.startsWith("sunos")) {
			return "solaris";
		}
		if (name.startsWith("z/os")) {
			return "z_os";
		}
		return name.replace(' ', '_');
	}

}
