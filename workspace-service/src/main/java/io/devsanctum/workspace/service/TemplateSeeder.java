package io.devsanctum.workspace.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.workspace.AppPort;
import io.devsanctum.common.contract.workspace.NewTemplate;
import io.devsanctum.common.contract.workspace.TemplateSchedule;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.workspace.repository.TemplateRepository;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * On a fresh installation (no template at all), adds the two templates whose images the
 * repository builds: the developer image with VS Code in the browser, and the minimal one.
 */
public class TemplateSeeder {

  /** The author of seeded templates: no real user. */
  static final Caller SYSTEM = Caller.service("template-seeder");

  private final TemplateRepository templates;
  private final TemplateService service;

  /** Unused for two hours, a seeded template's workspace stops (its owner may choose otherwise). */
  static final TemplateSchedule SEEDED_SCHEDULE = new TemplateSchedule(120, null, null, null, null, null, null, null);

  public TemplateSeeder(TemplateRepository templates, TemplateService service) {
    this.templates = templates;
    this.service = service;
  }

  public Future<Void> seedIfEmpty() {
    return templates.count().compose(count -> count > 0
        ? Future.succeededFuture()
        : service.seed(SYSTEM, new NewTemplate("developer", "Developer",
                "Debian with git, bash, build tools and VS Code in the browser (code-server)", "vscode",
                spec("devsanctum/workspace-developer:latest", "code", 2000, 2048, 1024, 180), SEEDED_SCHEDULE))
            .compose(developer -> service.seed(SYSTEM, new NewTemplate("minimal", "Minimal",
                "A tiny busybox workspace serving one page: quick to start, for trying things out", "box",
                spec("devsanctum/workspace-minimal:latest", "web", 500, 128, 128, 30), SEEDED_SCHEDULE)))
            .mapEmpty());
  }

  /** A spec of one default app on port 8080 with a /healthz probe; the rest as the API's defaults. */
  private static TemplateSpec spec(String image, String app, int cpuMillis, int memoryMb, int pidsLimit,
      int startupTimeoutSeconds) {
    return new TemplateSpec(image, null, List.of(), List.of(), Map.of(), null,
        List.of(new AppPort(app, 8080, true, "/healthz")), cpuMillis, memoryMb, pidsLimit, startupTimeoutSeconds,
        List.of());
  }
}
