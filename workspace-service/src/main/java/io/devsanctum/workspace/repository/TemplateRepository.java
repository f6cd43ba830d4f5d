package io.devsanctum.workspace.repository;

import io.devsanctum.workspace.model.Template;
import io.devsanctum.workspace.model.TemplateVersion;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface TemplateRepository {

  /** Inserts a template with its first version, which becomes active; CONFLICT on a taken name. */
  Future<Void> insert(Template template, TemplateVersion firstVersion);

  /** Saves display fields and, when {@code newVersion} is present, adds it and makes it active. */
  Future<Void> update(Template template, Optional<TemplateVersion> newVersion);

  Future<Optional<Template>> find(UUID templateId);

  Future<List<Template>> list(boolean includeArchived);

  Future<Long> count();

  Future<Optional<TemplateVersion>> findVersion(UUID versionId);

  Future<List<TemplateVersion>> versions(UUID templateId);

  Future<Integer> latestVersionNumber(UUID templateId);
}
