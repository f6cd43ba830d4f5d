package io.devsanctum.workspace.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a template version says about the containers built from it. Immutable per version.
 *
 * @param user who the container runs as ({@code name|uid[:group|gid]}); null: the image's user
 *             unless that is root (the provisioner decides)
 */
public record TemplateSpec(
    String image,
    String user,
    List<String> entrypoint,
    List<String> command,
    Map<String, String> env,
    String homePath,
    List<AppPort> apps,
    int cpuMillis,
    int memoryMb,
    int pidsLimit,
    int startupTimeoutSeconds,
    List<TemplateParameter> parameters) {

  public Optional<AppPort> defaultApp() {
    return apps.stream().filter(AppPort::isDefault).findFirst().or(() -> apps.stream().findFirst());
  }
}
