package io.devsanctum.routing.infrastructure.proxy.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of a Traefik dynamic configuration: SchemaStore's JSON Schema for Traefik v3 (a copy of
 * /work/shared/contracts/traefik-v3-file-provider.schema.json; the HTTP provider reads the same
 * format) and the references and rules the schema cannot check.
 */
public final class TraefikDocumentAssertions {

  private static final Validator VALIDATOR = Validator.create(
      JsonSchema.of(load("/contracts/traefik-v3-file-provider.schema.json")),
      new JsonSchemaOptions().setDraft(Draft.DRAFT7).setBaseUri("https://devsanctum.dev/"));

  private static final Pattern HOST_RULE = Pattern.compile("^Host\\(`([a-z0-9.-]+)`\\)$");

  private TraefikDocumentAssertions() {
  }

  public static void assertValidAgainstSchema(JsonObject document) {
    OutputUnit result = VALIDATOR.validate(document);
    assertThat(result.getValid()).as("Traefik schema errors %s for %s", result.getErrors(), document.encodePrettily())
        .isTrue();
  }

  public static boolean isValidAgainstSchema(JsonObject document) {
    return VALIDATOR.validate(document).getValid();
  }

  /** Routers reference existing services and middlewares, and match exactly one backtick-quoted host. */
  public static void assertRoutersAreConsistent(JsonObject http) {
    JsonObject services = http.getJsonObject("services");
    JsonObject middlewares = http.getJsonObject("middlewares");
    http.getJsonObject("routers").forEach(entry -> {
      JsonObject router = (JsonObject) entry.getValue();
      assertThat(services.containsKey(router.getString("service"))).as("service of %s", entry.getKey()).isTrue();
      router.getJsonArray("middlewares").forEach(name ->
          assertThat(middlewares.containsKey((String) name)).as("middleware %s of %s", name, entry.getKey()).isTrue());
      Matcher rule = HOST_RULE.matcher(router.getString("rule"));
      assertThat(rule.matches()).as("rule %s", router.getString("rule")).isTrue();
      assertThat(entry.getKey()).isEqualTo(TraefikDynamicConfig.routerName(rule.group(1)));
    });
  }

  private static JsonObject load(String resource) {
    try (InputStream in = TraefikDocumentAssertions.class.getResourceAsStream(resource)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
