package io.devsanctum.provisioner.service;

import io.devsanctum.common.contract.provisioner.ContainerApp;
import io.devsanctum.common.contract.provisioner.ContainerSpec;
import io.devsanctum.common.contract.workspace.TemplateLimits;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.validation.ContainerUser;
import java.util.HashSet;
import java.util.Set;

/**
 * What a container spec must satisfy before anything is created for it (VALIDATION otherwise): the
 * limits of the template it comes from ({@link TemplateLimits}), whoever sends it.
 */
final class ContainerSpecRules {

  private ContainerSpecRules() {
  }

  static void check(ContainerSpec spec) {
    require(spec.image().length() <= TemplateLimits.MAX_IMAGE && TemplateLimits.IMAGE.matcher(spec.image()).matches(),
        "spec.image", "an image reference");
    require(spec.user() == null || ContainerUser.isWellFormed(spec.user()), "spec.user", "must be a user name or uid, optionally :group");
    require(TemplateLimits.HOME_PATH.matcher(spec.homePath()).matches(), "spec.homePath", "an absolute path below /");
    require(TemplateLimits.CPU_MILLIS.contains(spec.cpuMillis()), "spec.cpuMillis", TemplateLimits.CPU_MILLIS.describe());
    require(TemplateLimits.MEMORY_MB.contains(spec.memoryMb()), "spec.memoryMb", TemplateLimits.MEMORY_MB.describe());
    require(TemplateLimits.PIDS_LIMIT.contains(spec.pidsLimit()), "spec.pidsLimit", TemplateLimits.PIDS_LIMIT.describe());
    spec.env().keySet().forEach(name ->
        require(!name.isEmpty() && !name.contains("="), "spec.env", "names must be non-empty and without '='"));
    Set<String> names = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (ContainerApp app : spec.apps()) {
      require(app.name() != null && names.add(app.name()), "spec.apps", "names must be present and unique");
      require(TemplateLimits.PORT.contains(app.port()) && ports.add(app.port()), "spec.apps", "ports must be unique TCP ports");
    }
    require(spec.apps().stream().filter(ContainerApp::isDefault).count() <= 1, "spec.apps", "at most one app can be the default");
  }

  private static void require(boolean condition, String field, String reason) {
    if (!condition) {
      throw new InvalidInputException(field, reason);
    }
  }
}
