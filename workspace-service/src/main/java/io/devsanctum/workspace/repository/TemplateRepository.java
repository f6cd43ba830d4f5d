package io.devsanctum.workspace.repository;

import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.TemplateVersion;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.model.StoredTemplate;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface TemplateRepository {

  /**
   * Inserts a template with its first version, which becomes active; CONFLICT on a taken name.
   * Each write here stores {@code audit} in its transaction.
   */
  Future<Void> insert(StoredTemplate template, TemplateVersion firstVersion, AuditRecord audit);

  /** Saves the display fields and the archived flag. */
  Future<Void> update(StoredTemplate template, AuditRecord audit);

  /**
   * Saves the display fields and adds {@code spec} as the template's next version, which becomes
   * active. Concurrent calls for one template are applied one after the other, each getting the
   * next version number.
   */
  Future<TemplateVersion> updateWithNewVersion(StoredTemplate template, TemplateSpec spec, UUID createdBy,
      AuditRecord audit);

  Future<Optional<StoredTemplate>> find(UUID templateId);

  /** Every template, by name (for the services' own sweeps). */
  Future<List<StoredTemplate>> list(boolean includeArchived);

  /** A page of the templates, by name. */
  Future<Page<StoredTemplate>> page(boolean includeArchived, PageRequest page);

  Future<Long> count();

  /** Fails with {@link UnreadableRecordException} when the stored version cannot be mapped. */
  Future<Optional<TemplateVersion>> findVersion(UUID versionId);

  /** A page of the template's versions, newest first; versions that cannot be mapped are left out (and logged). */
  Future<Page<TemplateVersion>> versions(UUID templateId, PageRequest page);
}
