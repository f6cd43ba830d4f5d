package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a template version says about the containers built from it. Immutable per version.
 *
 * @param user who the container runs as ({@code name|uid[:group|gid]}); null: the image's user
 *             unless that is root (the provisioner decides)
 * Absent fields take the defaults the API document states ({@link TemplateLimits}).
 */
public record TemplateSpec(
    String image,
    @Nullable String user,
    List<String> entrypoint,
    List<String> command,
    Map<String, String> env,
    @Nullable String homePath,
    List<AppPort> apps,
    @Nullable Integer cpuMillis,
    @Nullable Integer memoryMb,
    @Nullable Integer pidsLimit,
    @Nullable Integer startupTimeoutSeconds,
    List<TemplateParameter> parameters) {

  public TemplateSpec {
    homePath = homePath == null ? TemplateLimits.DEFAULT_HOME_PATH : homePath;
    cpuMillis = cpuMillis == null ? TemplateLimits.CPU_MILLIS.defaultValue() : cpuMillis;
    memoryMb = memoryMb == null ? TemplateLimits.MEMORY_MB.defaultValue() : memoryMb;
    pidsLimit = pidsLimit == null ? TemplateLimits.PIDS_LIMIT.defaultValue() : pidsLimit;
    startupTimeoutSeconds = startupTimeoutSeconds == null
        ? TemplateLimits.STARTUP_TIMEOUT_SECONDS.defaultValue() : startupTimeoutSeconds;
  }

  public Optional<AppPort> defaultApp() {
    return apps.stream().filter(AppPort::isDefault).findFirst().or(() -> apps.stream().findFirst());
  }
}
