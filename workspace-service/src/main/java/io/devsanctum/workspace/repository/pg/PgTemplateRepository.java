package io.devsanctum.workspace.repository.pg;

import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.TemplateVersion;
import io.devsanctum.common.db.Keyset;
import io.devsanctum.common.db.PgErrors;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.workspace.model.StoredTemplate;
import io.devsanctum.workspace.repository.TemplateRepository;
import io.devsanctum.workspace.repository.UnreadableRecordException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class PgTemplateRepository implements TemplateRepository {

  private static final Logger LOG = LoggerFactory.getLogger(PgTemplateRepository.class);

  private static final String TEMPLATE_COLUMNS = "id, name, display_name, description, icon, active_version_id,"
      + " archived_at, created_by, created_at, updated_at, schedule";
  private static final String VERSION_COLUMNS = "id, template_id, version, spec, created_by, created_at";

  /** By name, which is unique and never changes (its unique index serves the order). */
  private static final Keyset LISTING = Keyset.ascending(Keyset.text("name"));
  /** Newest first (the unique index on template and version serves it). */
  private static final Keyset VERSIONS = Keyset.descending(Keyset.integer("version"));

  private final Pool pool;

  public PgTemplateRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> insert(StoredTemplate template, TemplateVersion firstVersion, AuditRecord audit) {
    return pool.<Void>withTransaction(conn -> SqlTemplate.forUpdate(conn, """
            INSERT INTO workspace.templates (id, name, display_name, description, icon, created_by, schedule)
            VALUES (#{id}, #{name}, #{displayName}, #{description}, #{icon}, #{createdBy}, #{schedule})""")
        .execute(templateParams(template))
        .compose(inserted -> insertVersion(conn, firstVersion))
        .compose(versioned -> activate(conn, template.id(), firstVersion.id()))
        .compose(activated -> PgAuditLog.insert(conn, audit)))
        .recover(failure -> Future.failedFuture(PgErrors.isUniqueViolation(failure)
            ? new ConflictException("a template named '" + template.name() + "' already exists")
            : failure));
  }

  @Override
  public Future<Void> update(StoredTemplate template, AuditRecord audit) {
    return pool.withTransaction(conn -> saveDetails(conn, template).compose(saved -> PgAuditLog.insert(conn, audit)));
  }

  /**
   * The template's row is updated first, which locks it until the transaction ends: a concurrent
   * edit of the same template waits there, and then numbers its version after this one.
   */
  @Override
  public Future<TemplateVersion> updateWithNewVersion(StoredTemplate template, TemplateSpec spec, UUID createdBy,
      AuditRecord audit) {
    UUID versionId = UUID.randomUUID();
    return pool.withTransaction(conn -> saveDetails(conn, template)
        .compose(locked -> SqlTemplate.forQuery(conn, """
                INSERT INTO workspace.template_versions (id, template_id, version, spec, created_by)
                SELECT #{id}, #{templateId}, COALESCE(max(version), 0) + 1, #{spec}, #{createdBy}
                  FROM workspace.template_versions WHERE template_id = #{templateId}
                RETURNING version, created_at""")
            .execute(Map.of("id", versionId, "templateId", template.id(),
                "spec", ContractJson.toJson(spec), "createdBy", createdBy)))
        .compose(inserted -> {
          Row row = inserted.iterator().next();
          TemplateVersion version = new TemplateVersion(versionId, template.id(), row.getInteger("version"), spec,
              createdBy, row.getOffsetDateTime("created_at"));
          return activate(conn, template.id(), versionId).compose(activated -> PgAuditLog.insert(conn, audit))
              .map(version);
        }));
  }

  private static Future<?> saveDetails(SqlClient client, StoredTemplate template) {
    return SqlTemplate.forUpdate(client, """
            UPDATE workspace.templates
               SET display_name = #{displayName}, description = #{description}, icon = #{icon},
                   archived_at = #{archivedAt}, schedule = #{schedule}, updated_at = now()
             WHERE id = #{id}""")
        .execute(templateParams(template));
  }

  @Override
  public Future<Optional<StoredTemplate>> find(UUID templateId) {
    return SqlTemplate.forQuery(pool, "SELECT " + TEMPLATE_COLUMNS + " FROM workspace.templates WHERE id = #{id}")
        .mapTo(PgTemplateRepository::template)
        .execute(Map.of("id", templateId))
        .map(Rows::first);
  }

  @Override
  public Future<List<StoredTemplate>> list(boolean includeArchived) {
    return SqlTemplate.forQuery(pool, "SELECT " + TEMPLATE_COLUMNS + " FROM workspace.templates"
            + " WHERE #{includeArchived} OR archived_at IS NULL ORDER BY " + LISTING.orderBy())
        .mapTo(PgTemplateRepository::template)
        .execute(Map.of("includeArchived", includeArchived))
        .map(Rows::list);
  }

  @Override
  public Future<Page<StoredTemplate>> page(boolean includeArchived, PageRequest page) {
    return LISTING.page(pool, "SELECT " + TEMPLATE_COLUMNS + " FROM workspace.templates",
        includeArchived ? List.of() : List.of("archived_at IS NULL"), Map.of(), page, PgTemplateRepository::template);
  }

  @Override
  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM workspace.templates").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Optional<TemplateVersion>> findVersion(UUID versionId) {
    return SqlTemplate.forQuery(pool, "SELECT " + VERSION_COLUMNS + " FROM workspace.template_versions WHERE id = #{id}")
        .execute(Map.of("id", versionId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          try {
            return Optional.of(version(rows.iterator().next()));
          } catch (UnreadableRecordException unreadable) {
            LOG.warn("{}", unreadable.getMessage());
            throw unreadable;
          }
        });
  }

  @Override
  public Future<Page<TemplateVersion>> versions(UUID templateId, PageRequest page) {
    return VERSIONS.readablePage(pool, "SELECT " + VERSION_COLUMNS + " FROM workspace.template_versions",
        List.of("template_id = #{id}"), Map.of("id", templateId), page, row -> {
          try {
            return Optional.of(version(row));
          } catch (UnreadableRecordException unreadable) {
            LOG.warn("{}; it is left out of the version list", unreadable.getMessage());
            return Optional.empty();
          }
        });
  }

  private static Future<Void> insertVersion(SqlClient conn, TemplateVersion version) {
    return SqlTemplate.forUpdate(conn, """
            INSERT INTO workspace.template_versions (id, template_id, version, spec, created_by)
            VALUES (#{id}, #{templateId}, #{version}, #{spec}, #{createdBy})""")
        .execute(Map.of(
            "id", version.id(),
            "templateId", version.templateId(),
            "version", version.version(),
            "spec", ContractJson.toJson(version.spec()),
            "createdBy", version.createdBy()))
        .mapEmpty();
  }

  private static Future<Void> activate(SqlClient conn, UUID templateId, UUID versionId) {
    return SqlTemplate.forUpdate(conn,
            "UPDATE workspace.templates SET active_version_id = #{version}, updated_at = now() WHERE id = #{id}")
        .execute(Map.of("id", templateId, "version", versionId))
        .mapEmpty();
  }

  private static Map<String, Object> templateParams(StoredTemplate t) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", t.id());
    params.put("name", t.name());
    params.put("displayName", t.displayName());
    params.put("description", t.description());
    params.put("icon", t.icon());
    params.put("createdBy", t.createdBy());
    params.put("archivedAt", t.archivedAt());
    params.put("schedule", ContractJson.toJson(t.schedule()));
    return params;
  }

  static StoredTemplate template(Row row) {
    return new StoredTemplate(row.getUUID("id"), row.getString("name"), row.getString("display_name"),
        row.getString("description"), row.getString("icon"), row.getUUID("active_version_id"),
        row.getOffsetDateTime("archived_at"), row.getUUID("created_by"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"), ContractJson.fromJson(row.getJsonObject("schedule"), TemplateSchedule.class));
  }

  /** The row as a version; UnreadableRecordException when its spec breaks the rules a spec is read by. */
  static TemplateVersion version(Row row) {
    UUID id = row.getUUID("id");
    TemplateSpec spec;
    try {
      spec = ContractJson.fromJson(row.getJsonObject("spec"), TemplateSpec.class);
    } catch (RuntimeException broken) {
      throw new UnreadableRecordException("version " + row.getInteger("version") + " (" + id + ") of template "
          + row.getUUID("template_id"), broken);
    }
    return new TemplateVersion(id, row.getUUID("template_id"), row.getInteger("version"), spec,
        row.getUUID("created_by"), row.getOffsetDateTime("created_at"));
  }
}
