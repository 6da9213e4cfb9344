package io.github.distrace.autoconfigure.sdk;

/**
 * What distrace finds out by itself for the resource, each of which can be turned off
 * with {@code distrace.resource.disabled-detectors}.
 *
 * @author distrace
 */
public enum ResourceDetector {

	/**
	 * {@code service.instance.id}: a random UUID, one per process.
	 */
	SERVICE_INSTANCE,

	/**
	 * {@code service.version}, from Spring Boot's build info.
	 */
	BUILD,

	/**
	 * {@code host.name} and {@code host.arch}.
	 */
	HOST,

	/**
	 * {@code os.type} and {@code os.description}.
	 */
	OS,

	/**
	 * {@code process.pid} and {@code process.executable.path}.
	 */
	PROCESS,

	/**
	 * {@code process.runtime.name}, {@code .version} and {@code .description}.
	 */
	RUNTIME,

	/**
	 * {@code container.id}, from the cgroup or mount information.
	 */
	CONTAINER

}
