package io.github.distrace.autoconfigure.sdk.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.AntPathMatcher;
import org.springframework.util.PathMatcher;
import org.springframework.util.StringUtils;

/**
 * The request paths that get no server span, matched as {@link AntPathMatcher} matches
 * them. A pattern of literal segments followed by {@code /**}, such as the default
 * {@code /actuator/**}, is checked in place: {@code AntPathMatcher} splits every path it
 * is given into a new array of segments, and the exclusions are checked on every request.
 *
 * @author distrace
 */
public final class ExcludedPaths {

	private static final PathMatcher PATH_MATCHER = new AntPathMatcher();

	private static final String ANY_PATH_BELOW = "/**";

	private final List<String[]> prefixes = new ArrayList<>();

	private final List<String> patterns = new ArrayList<>();

	public ExcludedPaths(List<String> patterns) {
		for (String pattern : patterns) {
			String[] prefix = literalPrefix(pattern);
			if (prefix != null) {
				this.prefixes.add(prefix);
			}
			else {
				this.patterns.add(pattern);
			}
		}
	}

	public boolean isEmpty() {
		return this.prefixes.isEmpty() && this.patterns.isEmpty();
	}

	/**
	 * Return whether a path matches any of the patterns.
	 * @param path the path within the application, starting with {@code /}
	 * @return whether it matches
	 */
	public boolean matches(String path) {
		for (String[] prefix : this.prefixes) {
			if (startsWithSegments(path, prefix)) {
				return true;
			}
		}
		for (String pattern : this.patterns) {
			if (PATH_MATCHER.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the segments before {@code /**} of a pattern that has no wildcard or
	 * variable elsewhere, split as {@code AntPathMatcher} splits them (empty segments
	 * dropped), or {@code null} for any other pattern.
	 */
	private static String @Nullable [] literalPrefix(String pattern) {
		if (!pattern.startsWith("/") || !pattern.endsWith(ANY_PATH_BELOW)) {
			return null;
		}
		String prefix = pattern.substring(0, pattern.length() - ANY_PATH_BELOW.length());
		for (int i = 0; i < prefix.length(); i++) {
			if ("*?{}\\".indexOf(prefix.charAt(i)) >= 0) {
				return null;
			}
		}
		return StringUtils.tokenizeToStringArray(prefix, "/", false, true);
	}

	/**
	 * Return whether a path starts with the given segments: what {@code AntPathMatcher}
	 * decides for their pattern followed by {@code /**}, where repeated slashes separate
	 * segments as one does and the path may end after the last segment.
	 */
	private static boolean startsWithSegments(String path, String[] segments) {
		if (!path.startsWith("/")) {
			return false;
		}
		int position = 0;
		for (String segment : segments) {
			while (position < path.length() && path.charAt(position) == '/') {
				position++;
			}
			if (!path.startsWith(segment, position)) {
				return false;
			}
			position += segment.length();
			if (position < path.length() && path.charAt(position) != '/') {
				return false;
			}
		}
		return true;
	}

}
