package io.devsanctum.workspace.json;

import io.devsanctum.workspace.model.Deployment;
import io.devsanctum.workspace.model.DeploymentLogLine;
import io.devsanctum.workspace.model.Quota;
import io.devsanctum.workspace.model.Template;
import io.devsanctum.workspace.model.TemplateVersion;
import io.devsanctum.workspace.model.TemplateWarning;
import io.devsanctum.workspace.model.Workspace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;

/** Wire forms of the workspace-service's records (one method per record). */
public final class WorkspaceJson {

  private WorkspaceJson() {
  }

  public static JsonObject workspace(Workspace w) {
    return new JsonObject()
        .put("id", w.id().toString())
        .put("ownerId", w.ownerId().toString())
        .put("ownerName", w.ownerName())
        .put("name", w.name())
        .put("templateId", w.templateId().toString())
        .put("templateVersionId", w.templateVersionId().toString())
        .put("parameters", new JsonObject(new LinkedHashMap<>(w.parameters())))
        .put("state", w.state().name())
        .put("failureReason", w.failureReason())
        .put("dockerHostId", w.dockerHostId())
        .put("sharing", w.sharing())
        .put("createdAt", time(w.createdAt()))
        .put("updatedAt", time(w.updatedAt()));
  }

  public static JsonObject template(Template t, TemplateVersion active) {
    JsonObject json = new JsonObject()
        .put("id", t.id().toString())
        .put("name", t.name())
        .put("displayName", t.displayName())
        .put("description", t.description())
        .put("icon", t.icon())
        .put("archived", t.isArchived())
        .put("createdAt", time(t.createdAt()))
        .put("updatedAt", time(t.updatedAt()));
    if (active != null) {
      json.put("activeVersion", version(active));
    }
    return json;
  }

  public static JsonObject warning(TemplateWarning w) {
    return new JsonObject().put("code", w.code()).put("detail", w.detail()).put("hosts", new JsonArray(w.hosts()));
  }

  public static JsonObject version(TemplateVersion v) {
    return new JsonObject()
        .put("id", v.id().toString())
        .put("templateId", v.templateId().toString())
        .put("version", v.version())
        .put("spec", TemplateSpecMapper.INSTANCE.toJson(v.spec()))
        .put("createdBy", v.createdBy().toString())
        .put("createdAt", time(v.createdAt()));
  }

  public static JsonObject deployment(Deployment d) {
    return new JsonObject()
        .put("workspaceId", d.workspaceId().toString())
        .put("number", d.number())
        .put("transition", d.transition().name())
        .put("templateVersionId", d.templateVersionId().toString())
        .put("initiatorId", d.initiatorId().toString())
        .put("status", d.status().name())
        .put("step", d.step() == null ? null : d.step().label())
        .put("failureReason", d.failureReason())
        .put("createdAt", time(d.createdAt()))
        .put("startedAt", time(d.startedAt()))
        .put("finishedAt", time(d.finishedAt()));
  }

  public static JsonObject logLine(DeploymentLogLine line) {
    return new JsonObject()
        .put("workspaceId", line.workspaceId().toString())
        .put("number", line.deploymentNumber())
        .put("line", line.lineNumber())
        .put("at", time(line.loggedAt()))
        .put("level", line.level())
        .put("step", line.step() == null ? null : line.step().label())
        .put("message", line.message());
  }

  public static JsonObject quota(Quota q) {
    return new JsonObject()
        .put("userId", q.userId().toString())
        .put("maxWorkspaces", q.maxWorkspaces())
        .put("maxCpuMillis", q.maxCpuMillis())
        .put("maxMemoryMb", q.maxMemoryMb());
  }

  private static String time(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }
}
