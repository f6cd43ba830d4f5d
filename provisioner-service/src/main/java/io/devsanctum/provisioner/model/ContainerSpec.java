package io.devsanctum.provisioner.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a template version asks for: the image, how to start it, and its resource limits.
 *
 * @param user       who to run as; null: the image's user unless that is root (see HardeningPolicy#user)
 * @param entrypoint empty: the image's own
 * @param command    empty: the image's own
 * @param homePath   where the workspace's home volume is mounted
 */
public record ContainerSpec(
    String image,
    String user,
    List<String> entrypoint,
    List<String> command,
    Map<String, String> env,
    String homePath,
    List<AppSpec> apps,
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
  public Optional<AppSpec> defaultApp() {
    return apps.stream().filter(AppSpec::isDefault).findFirst().or(() -> apps.stream().findFirst());
  }
}
