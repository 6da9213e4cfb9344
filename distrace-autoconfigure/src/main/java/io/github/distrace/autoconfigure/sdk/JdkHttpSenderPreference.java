package io.github.distrace.autoconfigure.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The class loader through which the OTLP/HTTP exporter looks up its HTTP sender: the
 * application's, but where both OpenTelemetry's JDK sender
 * ({@code opentelemetry-exporter-sender-jdk}, which distrace brings) and another one
 * (OkHttp's, which the OTLP exporter brings, and which gRPC needs) declare a sender, it
 * shows the exporter only the JDK's.
 * <p>
 * Measured under load on one core ({@code docs/benchmarks.md}), the JDK's
 * {@code HttpClient} kept up with every span of a saturated application where OkHttp's
 * sender, with a thread of its own taking turns with the requests, let the batch queue
 * overflow and dropped about half of them, at the same CPU per request. The exporter's
 * own way to choose (a system property naming the provider) would change every exporter
 * in the JVM, the application's own too; this changes only distrace's.
 * <p>
 * Looked up by what the service files declare, not by the jars' names, so that it works
 * from a Spring Boot jar, a shaded one or the class path alike, on every supported
 * version of OpenTelemetry (whose sender interface moved package between them). The
 * lookup is left as it is where the application chose a sender itself (with the system
 * property or environment variable that OpenTelemetry reads for it), where no file
 * declares the JDK sender, and where one file declares both (a shaded jar that merged
 * them).
 *
 * @author distrace
 */
final class JdkHttpSenderPreference extends ClassLoader {

	private static final String SERVICES = "META-INF/services/";

	private static final String SENDER_SERVICE_SUFFIX = ".HttpSenderProvider";

	private static final String JDK_SENDER = "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";

	static {
		registerAsParallelCapable();
	}

	JdkHttpSenderPreference(ClassLoader application) {
		super(application);
	}

	@Override
	public Enumeration<URL> getResources(String name) throws IOException {
		Enumeration<URL> resources = super.getResources(name);
		if (!name.startsWith(SERVICES) || !name.endsWith(SENDER_SERVICE_SUFFIX)
				|| chosenByTheApplication(name.substring(SERVICES.length()))) {
			return resources;
		}
		List<URL> all = Collections.list(resources);
		List<URL> jdk = new ArrayList<>();
		for (URL resource : all) {
			if (declaresJdkSender(resource)) {
				jdk.add(resource);
			}
		}
		return Collections.enumeration(jdk.isEmpty() ? all : jdk);
	}

	// OpenTelemetry's own choice: a system property named as the service, or the
	// environment variable of the same name in capitals with underscores.
	private static boolean chosenByTheApplication(String service) {
		return System.getProperty(service) != null
				|| System.getenv(service.toUpperCase(Locale.ROOT).replace('.', '_')) != null;
	}

	private static boolean declaresJdkSender(URL serviceFile) {
		try (InputStream in = serviceFile.openStream()) {
			// A service file is a line or two: read whole.
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(JDK_SENDER);
		}
		catch (IOException ex) {
			return false;
		}
	}

}
