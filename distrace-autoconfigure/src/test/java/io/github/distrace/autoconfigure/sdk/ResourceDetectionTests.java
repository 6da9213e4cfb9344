package io.github.distrace.autoconfigure.sdk;

import java.util.EnumSet;
import java.util.List;
import java.util.Properties;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource that reaches a real OTLP receiver tells replicas apart, and configured
 * attributes override what is detected.
 */
class ResourceDetectionTests {

	private static final String CONTAINER_ID = "2b5a6ed7e8b1a1e0e5a3d7c3f55f7c53b0b5e0c8a7d1f9e8c6b4a2d0e1f3a5c7";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders", "distrace.batch.schedule-delay=50ms");

	@Test
	void exportedResourceCarriesHostProcessRuntimeAndBuildVersion() throws Exception {
		Properties build = new Properties();
		build.setProperty("version", "1.4.2");
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			this.contextRunner.withPropertyValues("distrace.otlp.endpoint=" + receiver.endpoint())
				.withBean(BuildProperties.class, () -> new BuildProperties(build))
				.run((context) -> {
					context.getBean(Tracer.class).spanBuilder("detected").startSpan().end();
					ReceivedSpan span = receiver.awaitSpan("detected");
					assertThat(span.resource()).containsEntry("service.name", "orders")
						.containsEntry("service.version", "1.4.2")
						.containsEntry("process.pid", String.valueOf(ProcessHandle.current().pid()))
						.containsEntry("process.runtime.version", System.getProperty("java.runtime.version"))
						.containsEntry("os.type", DetectedResource.osType(System.getProperty("os.name")))
						.containsEntry("host.arch", DetectedResource.hostArch(System.getProperty("os.arch")))
						.containsKeys("service.instance.id", "host.name", "os.description", "process.runtime.name",
								"process.runtime.description", "process.executable.path");
					assertThat(span.resource().get("service.instance.id"))
						.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
				});
		}
	}

	@Test
	void configuredAttributesOverrideDetectedOnes() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			this.contextRunner
				.withPropertyValues("distrace.otlp.endpoint=" + receiver.endpoint(),
						"distrace.resource-attributes[service.instance.id]=orders-7f9c",
						"distrace.resource-attributes[host.name]=node-3")
				.run((context) -> {
					context.getBean(Tracer.class).spanBuilder("overridden").startSpan().end();
					ReceivedSpan span = receiver.awaitSpan("overridden");
					assertThat(span.resource()).containsEntry("service.instance.id", "orders-7f9c")
						.containsEntry("host.name", "node-3")
						.doesNotContainKey("service.version");
				});
		}
	}

	@Test
	void disabledDetectorsLeaveTheirAttributesOutUnlessConfigured() throws Exception {
		Properties build = new Properties();
		build.setProperty("version", "1.4.2");
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			this.contextRunner
				.withPropertyValues("distrace.otlp.endpoint=" + receiver.endpoint(),
						"distrace.resource.disabled-detectors=host, process, build, container",
						"distrace.resource-attributes[host.name]=node-3")
				.withBean(BuildProperties.class, () -> new BuildProperties(build))
				.run((context) -> {
					context.getBean(Tracer.class).spanBuilder("fewer").startSpan().end();
					ReceivedSpan span = receiver.awaitSpan("fewer");
					assertThat(span.resource()).containsEntry("host.name", "node-3")
						.doesNotContainKeys("host.arch", "process.pid", "process.executable.path", "service.version",
								"container.id")
						.containsKeys("service.instance.id", "os.type", "os.description", "process.runtime.name");
				});
		}
	}

	@Test
	void everyDetectorCanBeTurnedOff() {
		assertThat(DetectedResource.detect(null, EnumSet.allOf(ResourceDetector.class)).getAttributes().isEmpty())
			.isTrue();
	}

	@Test
	void anUnknownDetectorStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("distrace.resource.disabled-detectors=hosts")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("hosts"));
		this.contextRunner.withPropertyValues("distrace.resource.disabled-detectors=hosts")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("distrace.resource.disabled-detectors"));
	}

	@Test
	void serviceInstanceIdIsOnePerProcess() {
		assertThat(DetectedResource.detect(null).getAttributes().asMap())
			.containsAllEntriesOf(DetectedResource.detect(null).getAttributes().asMap());
	}

	@Test
	void containerIdIsReadFromCgroupV1() {
		assertThat(ContainerId.fromCgroup(List.of("12:cpu,cpuacct:/docker/" + CONTAINER_ID))).isEqualTo(CONTAINER_ID);
		assertThat(ContainerId.fromCgroup(List
			.of("1:name=systemd:/kubepods.slice/kubepods-pod1.slice/cri-containerd-" + CONTAINER_ID + ".scope")))
			.isEqualTo(CONTAINER_ID);
	}

	@Test
	void containerIdIsReadFromMountinfoUnderCgroupV2() {
		List<String> mountinfo = List.of("0::/", "623 604 0:52 /etc/resolv.conf ro - ext4 /dev/vda1 rw",
				"624 604 254:1 /docker/containers/" + CONTAINER_ID + "/hostname /etc/hostname rw - ext4 /dev/vda1 rw");
		assertThat(ContainerId.fromCgroup(List.of("0::/"))).isNull();
		assertThat(ContainerId.fromMountinfo(mountinfo)).isEqualTo(CONTAINER_ID);
	}

	@Test
	void noContainerIdOutsideAContainerOrForASandbox() {
		assertThat(ContainerId.fromCgroup(List.of("0::/user.slice/user-1000.slice/session-2.scope"))).isNull();
		assertThat(ContainerId.fromMountinfo(List.of("1 2 0:1 /var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/"
				+ CONTAINER_ID + "/hostname /etc/hostname rw")))
			.isNull();
	}

}
