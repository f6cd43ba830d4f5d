package io.devsanctum.gateway.route;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The contract as JSON at {@code /openapi.json} and Swagger UI at {@code /docs}, served from the
 * swagger-ui webjar on the classpath (no CDN), pointed at our contract.
 */
public class DocsRoutes {

  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String INITIALIZER = """
      window.onload = function () {
        window.ui = SwaggerUIBundle({
          url: "/openapi.json",
          dom_id: "#swagger-ui",
          deepLinking: true,
          presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
          plugins: [SwaggerUIBundle.plugins.DownloadUrl],
          layout: "StandaloneLayout"
        });
      };
      """;

  private final Buffer contractJson;

  public DocsRoutes(JsonObject contract) {
    this.contractJson = contract.toBuffer();
  }

  public void mount(Router router) {
    router.get("/openapi.json").handler(this::contract);
    router.getWithRegex("/docs").handler(ctx -> ctx.redirect("/docs/"));
    router.get("/docs/swagger-initializer.js").handler(this::initializer);
    router.get("/docs/*").handler(StaticHandler.create(WEBJAR + swaggerUiVersion()).setCachingEnabled(true));
  }

  private void contract(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(contractJson);
  }

  private void initializer(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/javascript").end(INITIALIZER);
  }

  /** The webjar's folder is named after its version; read it from the webjar's own metadata. */
  static String swaggerUiVersion() {
    try (InputStream in = DocsRoutes.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
