package io.devsanctum.gateway.route;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The React dashboard, built by Vite into {@code frontend/dist} and packaged as the classpath
 * folder {@code webroot}. Hashed assets are cached for a year, the sign-in providers' icons for a
 * day; any other GET that is not an API, docs or probe path gets {@code index.html}, so deep links
 * work (the SPA routes them).
 */
public class DashboardRoutes {

  private static final String WEBROOT = "webroot";
  private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;
  /** Icons keep their names across builds (configuration points at them), so they are cached for a day only. */
  private static final long ONE_DAY_SECONDS = 24 * 3600;
  /** Paths that belong to the server, never to the SPA. */
  private static final String SPA_PATHS =
      "^/(?!api/|internal/|health/|metrics$|docs|openapi\\.json$|assets/|icons/|\\.devsanctum/).*";

  private final boolean built;

  public DashboardRoutes() {
    // a class-path lookup, not file-system I/O on the event loop that builds the router
    this.built = DashboardRoutes.class.getClassLoader().getResource(WEBROOT + "/index.html") != null;
  }

  public void mount(Router router) {
    // the route's prefix is stripped: /assets/x.js is served from webroot/assets/x.js
    router.get("/assets/*").handler(StaticHandler.create(WEBROOT + "/assets")
        .setMaxAgeSeconds(ONE_YEAR_SECONDS).setSendVaryHeader(false));
    // the sign-in buttons' icons a provider's configuration may name (DEVSANCTUM_OIDC_<ID>_ICON_URL)
    router.get("/icons/*").handler(StaticHandler.create(WEBROOT + "/icons")
        .setMaxAgeSeconds(ONE_DAY_SECONDS).setSendVaryHeader(false));
    router.getWithRegex(SPA_PATHS).handler(this::page);
  }

  private void page(RoutingContext ctx) {
    if (!built) {
      ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end("""
          <!doctype html><title>DevSanctum</title>
          <h1>DevSanctum</h1>
          <p>The dashboard was not built into this server. Build it with
          <code>scripts/run-standalone.sh</code> (or <code>npm ci &amp;&amp; npm run build</code> in
          <code>frontend/</code>, then <code>mvn package</code>). The API is available: see
          <a href="/docs/">/docs</a>.</p>
          """);
      return;
    }
    // index.html must not be cached: it names the current hashed assets
    ctx.response().putHeader("Cache-Control", "no-cache");
    ctx.response().sendFile(WEBROOT + "/index.html");
  }
}
