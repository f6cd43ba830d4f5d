package io.devsanctum.common.contract.provisioner;

import io.devsanctum.common.bus.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a template version asks of a container: the image, how to start it, and its resources.
 *
 * @param user       who to run as ({@code name|uid[:group|gid]}); absent: the image's user unless that is root
 * @param entrypoint empty: the image's own
 * @param command    empty: the image's own
 * @param homePath   where the workspace's home volume is mounted
 */
public record ContainerSpec(
    String image,
    @Nullable String user,
    List<String> entrypoint,
    List<String> command,
    Map<String, String> env,
    String homePath,
    List<ContainerApp> apps,
    int cpuMillis,
    int memoryMb,
    int pidsLimit) {

  public ContainerSpec {
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = Map.copyOf(env);
    apps = List.copyOf(apps);
  }

  /** The app marked default, or else the first one. */
  public Optional<ContainerApp> defaultApp() {
    return apps.stream().filter(ContainerApp::isDefault).findFirst().or(() -> apps.stream().findFirst());
  }
}
