package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.workspace.json.TemplateSpecMapper;
import io.devsanctum.workspace.repository.TemplateRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * On a fresh installation (no template at all), adds the two templates whose images the
 * repository builds: the developer image with VS Code in the browser, and the minimal one.
 */
public class TemplateSeeder {

  /** The author of seeded templates: no real user. */
  static final Caller SYSTEM = new Caller(new UUID(0, 0), Caller.ADMIN, "system");

  private final TemplateRepository templates;
  private final TemplateService service;

  public TemplateSeeder(TemplateRepository templates, TemplateService service) {
    this.templates = templates;
    this.service = service;
  }

  public Future<Void> seedIfEmpty() {
    return templates.count().compose(count -> count > 0
        ? Future.succeededFuture()
        : service.seed(SYSTEM, "developer", new TemplateService.TemplateDetails("Developer",
                    "Debian with git, bash, build tools and VS Code in the browser (code-server)", "vscode"),
                TemplateSpecMapper.INSTANCE.fromJson(new JsonObject()
                    .put("image", "devsanctum/workspace-developer:latest")
                    .put("apps", new JsonArray().add(new JsonObject()
                        .put("name", "code").put("port", 8080).put("default", true).put("healthPath", "/healthz")))
                    .put("cpuMillis", 2000).put("memoryMb", 2048).put("pidsLimit", 1024)
                    .put("startupTimeoutSeconds", 180)))
            .compose(developer -> service.seed(SYSTEM, "minimal", new TemplateService.TemplateDetails("Minimal",
                    "A tiny busybox workspace serving one page: quick to start, for trying things out", "box"),
                TemplateSpecMapper.INSTANCE.fromJson(new JsonObject()
                    .put("image", "devsanctum/workspace-minimal:latest")
                    .put("apps", new JsonArray().add(new JsonObject()
                        .put("name", "web").put("port", 8080).put("default", true).put("healthPath", "/healthz")))
                    .put("cpuMillis", 500).put("memoryMb", 128).put("pidsLimit", 128)
                    .put("startupTimeoutSeconds", 30))))
            .mapEmpty());
  }
}
