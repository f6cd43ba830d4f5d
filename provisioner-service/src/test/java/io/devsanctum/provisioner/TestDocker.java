package io.devsanctum.provisioner;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.devsanctum.common.testkit.Command;
import io.devsanctum.provisioner.service.WorkspaceResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real Docker daemon as tests see it: builds the test image, inspects what the provisioner
 * made, runs commands in containers, and removes everything a test created (by owner label).
 * There is no skipping: without a daemon, {@link #connect()} throws and the test class fails.
 */
public final class TestDocker implements AutoCloseable {

  public static final String SOCKET = "/var/run/docker.sock";
  public static final String IMAGE = "devsanctum/workspace-minimal:latest";

  private final DockerClient client;
  private final Set<String> owners = ConcurrentHashMap.newKeySet();
  private final Set<String> foreignContainers = ConcurrentHashMap.newKeySet();

  private TestDocker(DockerClient client) {
    this.client = client;
  }

  /** Connects to the local daemon and builds the minimal workspace image; fails loudly without Docker. */
  public static TestDocker connect() throws IOException, InterruptedException {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost("unix://" + SOCKET).withDockerTlsVerify(false).build();
    DockerClient client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost()).build());
    client.pingCmd().exec(); // throws when no daemon answers: these tests need a real one
    buildMinimalImage();
    return new TestDocker(client);
  }

  private static void buildMinimalImage() {
    Command.run(Duration.ofMinutes(2), Path.of("..", "workspace-images", "build.sh").toString(), "minimal");
  }

  public DockerClient client() {
    return client;
  }

  /** A fresh owner id whose containers, volumes and networks {@link #cleanUp()} removes. */
  public String newOwner() {
    String owner = "test-owner-" + shortId();
    owners.add(owner);
    return owner;
  }

  /** A container made by the test itself, removed by {@link #cleanUp()}. */
  public String track(String containerId) {
    foreignContainers.add(containerId);
    return containerId;
  }

  public static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  public Optional<InspectContainerResponse> inspectContainer(String nameOrId) {
    try {
      return Optional.of(client.inspectContainerCmd(nameOrId).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  public boolean volumeExists(String name) {
    try {
      client.inspectVolumeCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  public boolean networkExists(String name) {
    return client.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name));
  }

  public List<Container> containersOfWorkspace(String workspaceId) {
    return client.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(WorkspaceResources.WORKSPACE_ID, workspaceId)).exec();
  }

  /** Runs a command in a running container: its exit code and output. */
  public ExecResult exec(String container, String... command) throws InterruptedException {
    ExecCreateCmdResponse exec = client.execCreateCmd(container)
        .withCmd(command).withAttachStdout(true).withAttachStderr(true).exec();
    StringBuilder output = new StringBuilder();
    client.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      }
    }).awaitCompletion(30, TimeUnit.SECONDS);
    return new ExecResult(client.inspectExecCmd(exec.getId()).exec().getExitCodeLong(), output.toString());
  }

  public record ExecResult(Long exitCode, String output) {
  }

  /** Removes every container, volume and network of the owners handed out, and tracked containers. */
  public void cleanUp() {
    for (String owner : owners) {
      Map<String, String> label = Map.of(WorkspaceResources.OWNER_ID, owner);
      client.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()
          .forEach(c -> removeContainer(c.getId()));
      client.listVolumesCmd().withFilter("label", List.of(WorkspaceResources.OWNER_ID + "=" + owner)).exec()
          .getVolumes().forEach(v -> client.removeVolumeCmd(v.getName()).exec());
      client.listNetworksCmd().withFilter("label", List.of(WorkspaceResources.OWNER_ID + "=" + owner)).exec()
          .forEach(n -> client.removeNetworkCmd(n.getId()).exec());
    }
    owners.clear();
    foreignContainers.forEach(this::removeContainer);
    foreignContainers.clear();
  }

  private void removeContainer(String id) {
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException alreadyGone) {
      // removed by the test itself
    }
  }

  @Override
  public void close() throws IOException {
    cleanUp();
    client.close();
  }
}
