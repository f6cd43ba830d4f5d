package io.devsanctum.workspace.repository.pg;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.db.PgErrors;
import io.devsanctum.workspace.json.TemplateSpecMapper;
import io.devsanctum.workspace.model.Template;
import io.devsanctum.workspace.model.TemplateVersion;
import io.devsanctum.workspace.repository.TemplateRepository;
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

public class PgTemplateRepository implements TemplateRepository {

  private static final String TEMPLATE_COLUMNS = "id, name, display_name, description, icon, active_version_id,"
      + " archived_at, created_by, created_at, updated_at";
  private static final String VERSION_COLUMNS = "id, template_id, version, spec, created_by, created_at";

  private final Pool pool;

  public PgTemplateRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> insert(Template template, TemplateVersion firstVersion) {
    return pool.<Void>withTransaction(conn -> SqlTemplate.forUpdate(conn, """
            INSERT INTO workspace.templates (id, name, display_name, description, icon, created_by)
            VALUES (#{id}, #{name}, #{displayName}, #{description}, #{icon}, #{createdBy})""")
        .execute(templateParams(template))
        .compose(inserted -> insertVersion(conn, firstVersion))
        .compose(versioned -> activate(conn, template.id(), firstVersion.id())))
        .recover(failure -> Future.failedFuture(PgErrors.isUniqueViolation(failure)
            ? ErrorCode.CONFLICT.exception("a template named '" + template.name() + "' already exists")
            : failure));
  }

  @Override
  public Future<Void> update(Template template, Optional<TemplateVersion> newVersion) {
    return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, """
            UPDATE workspace.templates
               SET display_name = #{displayName}, description = #{description}, icon = #{icon},
                   archived_at = #{archivedAt}, updated_at = now()
             WHERE id = #{id}""")
        .execute(templateParams(template))
        .compose(updated -> newVersion.isEmpty()
            ? Future.<Void>succeededFuture()
            : insertVersion(conn, newVersion.get()).compose(v -> activate(conn, template.id(), newVersion.get().id()))));
  }

  @Override
  public Future<Optional<Template>> find(UUID templateId) {
    return SqlTemplate.forQuery(pool, "SELECT " + TEMPLATE_COLUMNS + " FROM workspace.templates WHERE id = #{id}")
        .mapTo(PgTemplateRepository::template)
        .execute(Map.of("id", templateId))
        .map(Rows::first);
  }

  @Override
  public Future<List<Template>> list(boolean includeArchived) {
    return SqlTemplate.forQuery(pool, "SELECT " + TEMPLATE_COLUMNS + " FROM workspace.templates"
            + " WHERE #{includeArchived} OR archived_at IS NULL ORDER BY name")
        .mapTo(PgTemplateRepository::template)
        .execute(Map.of("includeArchived", includeArchived))
        .map(Rows::list);
  }

  @Override
  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM workspace.templates").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Optional<TemplateVersion>> findVersion(UUID versionId) {
    return SqlTemplate.forQuery(pool, "SELECT " + VERSION_COLUMNS + " FROM workspace.template_versions WHERE id = #{id}")
        .mapTo(PgTemplateRepository::version)
        .execute(Map.of("id", versionId))
        .map(Rows::first);
  }

  @Override
  public Future<List<TemplateVersion>> versions(UUID templateId) {
    return SqlTemplate.forQuery(pool, "SELECT " + VERSION_COLUMNS
            + " FROM workspace.template_versions WHERE template_id = #{id} ORDER BY version DESC")
        .mapTo(PgTemplateRepository::version)
        .execute(Map.of("id", templateId))
        .map(Rows::list);
  }

  @Override
  public Future<Integer> latestVersionNumber(UUID templateId) {
    return SqlTemplate.forQuery(pool,
            "SELECT COALESCE(max(version), 0) AS latest FROM workspace.template_versions WHERE template_id = #{id}")
        .execute(Map.of("id", templateId))
        .map(rows -> rows.iterator().next().getInteger("latest"));
  }

  private static Future<Void> insertVersion(SqlClient conn, TemplateVersion version) {
    return SqlTemplate.forUpdate(conn, """
            INSERT INTO workspace.template_versions (id, template_id, version, spec, created_by)
            VALUES (#{id}, #{templateId}, #{version}, #{spec}, #{createdBy})""")
        .execute(Map.of(
            "id", version.id(),
            "templateId", version.templateId(),
            "version", version.version(),
            "spec", TemplateSpecMapper.INSTANCE.toJson(version.spec()),
            "createdBy", version.createdBy()))
        .mapEmpty();
  }

  private static Future<Void> activate(SqlClient conn, UUID templateId, UUID versionId) {
    return SqlTemplate.forUpdate(conn,
            "UPDATE workspace.templates SET active_version_id = #{version}, updated_at = now() WHERE id = #{id}")
        .execute(Map.of("id", templateId, "version", versionId))
        .mapEmpty();
  }

  private static Map<String, Object> templateParams(Template t) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", t.id());
    params.put("name", t.name());
    params.put("displayName", t.displayName());
    params.put("description", t.description());
    params.put("icon", t.icon());
    params.put("createdBy", t.createdBy());
    params.put("archivedAt", t.archivedAt());
    return params;
  }

  static Template template(Row row) {
    return new Template(row.getUUID("id"), row.getString("name"), row.getString("display_name"),
        row.getString("description"), row.getString("icon"), row.getUUID("active_version_id"),
        row.getOffsetDateTime("archived_at"), row.getUUID("created_by"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }

  static TemplateVersion version(Row row) {
    return new TemplateVersion(row.getUUID("id"), row.getUUID("template_id"), row.getInteger("version"),
        TemplateSpecMapper.INSTANCE.fromJson(row.getJsonObject("spec")), row.getUUID("created_by"),
        row.getOffsetDateTime("created_at"));
  }
}
