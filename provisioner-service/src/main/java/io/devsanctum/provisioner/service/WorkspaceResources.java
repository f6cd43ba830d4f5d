package io.devsanctum.provisioner.service;

import io.devsanctum.common.contract.provisioner.ContainerApp;
import io.devsanctum.common.contract.provisioner.WorkspaceOnHost;
import io.devsanctum.common.domain.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the Docker objects of a workspace are named and labelled. Names derive from immutable ids,
 * so every operation can find what an earlier (maybe crashed) attempt created; labels let the
 * reconciler find everything DevSanctum made, per host.
 */
public final class WorkspaceResources {

  public static final String MANAGED = "devsanctum.managed";
  public static final String WORKSPACE_ID = "devsanctum.workspace_id";
  public static final String OWNER_ID = "devsanctum.owner_id";
  public static final String TEMPLATE_VERSION = "devsanctum.template_version";
  public static final String HOST_ID = "devsanctum.host_id";
  /** The fingerprint of the definition the container was made from (see ContainerDefinition#fingerprint). */
  public static final String DEFINITION = "devsanctum.definition";
  /** The apps of the template version, so start and status can name them without the template. */
  public static final String APPS = "devsanctum.apps";

  // ids become parts of Docker object names, which allow only these characters
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  private WorkspaceResources() {
  }

  public static String volumeName(String workspaceId) {
    return "devsanctum-home-" + checkedId("workspaceId", workspaceId);
  }

  public static String networkName(String ownerId) {
    return "devsanctum-owner-" + checkedId("ownerId", ownerId);
  }

  public static String containerName(String workspaceId) {
    return "devsanctum-ws-" + checkedId("workspaceId", workspaceId);
  }

  public static Map<String, String> workspaceLabels(WorkspaceOnHost workspace) {
    return Map.of(
        MANAGED, "true",
        HOST_ID, workspace.hostId(),
        WORKSPACE_ID, checkedId("workspaceId", workspace.workspaceId()),
        OWNER_ID, checkedId("ownerId", workspace.ownerId()),
        TEMPLATE_VERSION, checkedId("templateVersionId", workspace.templateVersionId()));
  }

  public static Map<String, String> networkLabels(String hostId, String ownerId) {
    return Map.of(MANAGED, "true", HOST_ID, hostId, OWNER_ID, ownerId);
  }

  /** Selects every managed object of a host. */
  public static Map<String, String> managedOn(String hostId) {
    return Map.of(MANAGED, "true", HOST_ID, hostId);
  }

  /** Selects an owner's managed objects on a host. */
  public static Map<String, String> ownedOn(String hostId, String ownerId) {
    return networkLabels(hostId, ownerId);
  }

  public static String appsLabel(List<ContainerApp> apps) {
    JsonArray json = new JsonArray();
    apps.forEach(app -> json.add(new JsonObject()
        .put("name", app.name()).put("port", app.port()).put("default", app.isDefault())));
    return json.encode();
  }

  public static List<ContainerApp> apps(Map<String, String> labels) {
    String label = labels.get(APPS);
    if (label == null) {
      return List.of();
    }
    return new JsonArray(label).stream()
        .map(JsonObject.class::cast)
        .map(app -> new ContainerApp(app.getString("name"), app.getInteger("port"), app.getBoolean("default", false)))
        .toList();
  }

  private static String checkedId(String field, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidInputException(field, "must be 1-100 letters, digits, '_', '.' or '-', got '" + id + "'");
    }
    return id;
  }
}
