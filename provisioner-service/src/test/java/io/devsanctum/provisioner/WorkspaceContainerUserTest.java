package io.devsanctum.provisioner;

import static io.devsanctum.provisioner.ProvisionerBus.SERVICE;
import static io.devsanctum.provisioner.ProvisionerBus.await;
import static io.devsanctum.provisioner.ProvisionerBus.containerRequest;
import static io.devsanctum.provisioner.ProvisionerBus.workspace;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.testkit.Command;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who a workspace container runs as, its log rotation and its home's size limit, inspected on the
 * real engine: an image with a non-root USER, an image with no USER at all, and a template that
 * asks for root.
 */
class WorkspaceContainerUserTest {

  private static final String HOST = "test-" + TestDocker.shortId();
  /** The minimal image's file system without its USER (docker import keeps files, drops the config). */
  private static final String USERLESS_IMAGE = "devsanctum-test/minimal-without-user:latest";

  private static TestDocker docker;
  private static ProvisionerBus bus;

  @BeforeAll
  static void deploy() throws Exception {
    docker = TestDocker.connect();
    buildUserlessImage();
    bus = ProvisionerBus.deploy(Map.of(
        "DEVSANCTUM_DOCKER_HOSTS", HOST + "=unix://" + TestDocker.SOCKET,
        "DEVSANCTUM_WORKSPACE_LOG_MAX_SIZE", "5m",
        "DEVSANCTUM_WORKSPACE_LOG_MAX_FILES", "2",
        "DEVSANCTUM_WORKSPACE_HOME_SIZE", "1G"));
  }

  @AfterEach
  void removeWhatTheTestCreated() {
    docker.cleanUp();
  }

  @AfterAll
  static void close() throws Exception {
    bus.close();
    docker.close();
  }

  @Test
  void anImageWithANonRootUserRunsAsThatUser() throws Exception {
    assertThat(imageUser(TestDocker.IMAGE)).isEqualTo("1000:1000");

    String container = started(TestDocker.IMAGE, null);

    assertThat(inspect(container).getConfig().getUser()).isEqualTo("1000:1000");
    assertThat(uid(container)).isEqualTo("1000");
  }

  @Test
  void anImageWithoutAUserRunsAsTheDefaultUserNotAsRoot() throws Exception {
    assertThat(imageUser(USERLESS_IMAGE)).isEmpty();

    String container = started(USERLESS_IMAGE, null);

    assertThat(inspect(container).getConfig().getUser()).isEqualTo("1000:1000");
    assertThat(uid(container)).isEqualTo("1000");
  }

  @Test
  void aTemplateThatAsksForRootGetsRootWithNoCapabilityBeyondTheAllowList() throws Exception {
    String container = started(USERLESS_IMAGE, "root");

    InspectContainerResponse inspected = inspect(container);
    assertThat(inspected.getConfig().getUser()).isEqualTo("root");
    assertThat(uid(container)).isEqualTo("0");
    HostConfig host = inspected.getHostConfig();
    assertThat(host.getPrivileged()).isFalse();
    assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(host.getCapAdd()).containsExactlyInAnyOrder(Capability.CHOWN, Capability.DAC_OVERRIDE,
        Capability.FOWNER, Capability.SETUID, Capability.SETGID, Capability.KILL, Capability.NET_BIND_SERVICE);
    assertThat(host.getSecurityOpts()).contains("no-new-privileges");
  }

  @Test
  void containerLogsRotateAsConfigured() throws Exception {
    String container = started(TestDocker.IMAGE, null);

    LogConfig log = inspect(container).getHostConfig().getLogConfig();
    assertThat(log.getType().getType()).isEqualTo("json-file");
    assertThat(log.getConfig()).containsEntry("max-size", "5m").containsEntry("max-file", "2");
  }

  @Test
  void theHomeSizeLimitIsAppliedWhereTheEngineCanAndOtherwiseTheVolumeIsMadeWithoutItSayingWhy() throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();

    HomeVolume volume = await(bus.provisioner().ensureVolume(SERVICE, workspace(HOST, ws, owner)));

    InspectVolumeResponse made = docker.client().inspectVolumeCmd(volume.name()).exec();
    if (volume.sizeLimit() != null) {
      assertThat(volume.sizeLimit()).isEqualTo("1G");
      assertThat(made.getOptions()).containsEntry("size", "1G");
    } else {
      // this engine's volume storage has no quotas (not XFS with pquota): the home exists, unlimited
      assertThat(volume.sizeLimitRefused()).isNotBlank().doesNotContain("{");
      assertThat(made.getOptions() == null ? Map.of() : made.getOptions()).doesNotContainKey("size");
    }
  }

  private static String started(String image, String user) throws Exception {
    String owner = docker.newOwner();
    String ws = "ws-" + TestDocker.shortId();
    String container = await(bus.provisioner().ensureContainer(SERVICE,
        containerRequest(HOST, ws, owner, ProvisionerBus.spec(image, user, Map.of())))).containerId();
    await(bus.provisioner().start(SERVICE, HOST, ws));
    return container;
  }

  private static InspectContainerResponse inspect(String container) {
    return docker.inspectContainer(container).orElseThrow();
  }

  /** The uid the container's processes run as, as its own {@code id} tells. */
  private static String uid(String container) throws InterruptedException {
    TestDocker.ExecResult id = docker.exec(container, "id", "-u");
    assertThat(id.exitCode()).isZero();
    return id.output().strip();
  }

  private static String imageUser(String image) {
    String user = docker.client().inspectImageCmd(image).exec().getConfig().getUser();
    return user == null ? "" : user;
  }

  private static void buildUserlessImage() throws IOException, InterruptedException {
    try {
      if (imageUser(USERLESS_IMAGE).isEmpty() && docker.client().inspectImageCmd(USERLESS_IMAGE).exec().getCreated() != null) {
        return; // made by an earlier run
      }
    } catch (NotFoundException absent) {
      // made below
    }
    String source = docker.client().createContainerCmd(TestDocker.IMAGE).exec().getId();
    try {
      Command.run(Duration.ofMinutes(2), "sh", "-c", "docker export " + source + " | docker import"
          + " --change 'ENV PATH=/bin HOME=/home/coder'"
          + " --change 'ENTRYPOINT [\"/bin/sh\", \"/usr/local/bin/workspace-start\"]'"
          + " - " + USERLESS_IMAGE);
    } finally {
      docker.client().removeContainerCmd(source).withForce(true).exec();
    }
    assertThat(List.of(imageUser(USERLESS_IMAGE))).containsExactly("");
  }
}
