package io.devsanctum.workspace.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a template version says about the containers built from it. Immutable per version. */
public record TemplateSpec(
    String image,
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
