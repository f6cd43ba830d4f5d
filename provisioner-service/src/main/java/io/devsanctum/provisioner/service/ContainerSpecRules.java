package io.devsanctum.provisioner.service;

import io.devsanctum.common.contract.provisioner.ContainerApp;
import io.devsanctum.common.contract.provisioner.ContainerSpec;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.validation.ContainerUser;
import java.util.HashSet;
import java.util.Set;

/** What a container spec must satisfy before anything is created for it (VALIDATION otherwise). */
final class ContainerSpecRules {

  /** Docker refuses less than 6 MiB. */
  private static final int MIN_MEMORY_MB = 6;

  private ContainerSpecRules() {
  }

  static void check(ContainerSpec spec) {
    require(spec.image() != null && !spec.image().isBlank(), "spec.image", "is required");
    require(spec.user() == null || ContainerUser.isWellFormed(spec.user()), "spec.user", "must be a user name or uid, optionally :group");
    require(spec.homePath() != null && spec.homePath().startsWith("/"), "spec.homePath", "must be an absolute path");
    require(spec.cpuMillis() > 0, "spec.cpuMillis", "must be positive");
    require(spec.memoryMb() >= MIN_MEMORY_MB, "spec.memoryMb", "must be at least " + MIN_MEMORY_MB);
    require(spec.pidsLimit() > 0, "spec.pidsLimit", "must be positive");
    spec.env().keySet().forEach(name ->
        require(!name.isEmpty() && !name.contains("="), "spec.env", "names must be non-empty and without '='"));
    Set<String> names = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (ContainerApp app : spec.apps()) {
      require(app.name() != null && names.add(app.name()), "spec.apps", "names must be present and unique");
      require(app.port() > 0 && app.port() < 65536 && ports.add(app.port()), "spec.apps", "ports must be unique TCP ports");
    }
    require(spec.apps().stream().filter(ContainerApp::isDefault).count() <= 1, "spec.apps", "at most one app can be the default");
  }

  private static void require(boolean condition, String field, String reason) {
    if (!condition) {
      throw new InvalidInputException(field, reason);
    }
  }
}
