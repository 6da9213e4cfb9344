package io.github.distrace.autoconfigure.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds the id of the container this process runs in, as the semantic conventions'
 * {@code container.id}: from {@code /proc/self/cgroup} under cgroup v1, else from
 * {@code /proc/self/mountinfo}, where cgroup v2 runtimes show it in the paths of the
 * files they mount ({@code /etc/hostname} and the like).
 *
 * @author distrace
 */
final class ContainerId {

	private static final Pattern CGROUP_ID = Pattern.compile("([0-9a-f]{64})(?:\\.scope)?$");

	private static final Pattern MOUNTED_ID = Pattern.compile("/containers/([0-9a-f]{64})/");

	private ContainerId() {
	}

	static @Nullable String ofThisProcess() {
		String id = fromCgroup(lines(Path.of("/proc/self/cgroup")));
		return (id != null) ? id : fromMountinfo(lines(Path.of("/proc/self/mountinfo")));
	}

	static @Nullable String fromCgroup(List<String> lines) {
		for (String line : lines) {
			Matcher matcher = CGROUP_ID.matcher(line.strip());
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return null;
	}

	static @Nullable String fromMountinfo(List<String> lines) {
		for (String line : lines) {
			// A Kubernetes sandbox's (the pod's pause container's) paths are under
			// '/sandboxes/', so they are not taken for this container's.
			Matcher matcher = MOUNTED_ID.matcher(line);
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return null;
	}

	private static List<String> lines(Path file) {
		try {
			return Files.isReadable(file) ? Files.readAllLines(file) : List.of();
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

}
