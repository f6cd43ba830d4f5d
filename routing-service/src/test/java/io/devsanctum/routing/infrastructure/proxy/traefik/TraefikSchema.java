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

/**
 * SchemaStore's JSON Schema for Traefik v3 dynamic configuration (a copy of
 * /work/shared/contracts/traefik-v3-file-provider.schema.json), which Traefik's HTTP provider reads too.
 */
public final class TraefikSchema {

  private static final Validator VALIDATOR = Validator.create(
      JsonSchema.of(load("/contracts/traefik-v3-file-provider.schema.json")),
      new JsonSchemaOptions().setDraft(Draft.DRAFT7).setBaseUri("https://devsanctum.dev/"));

  private TraefikSchema() {
  }

  public static void assertValid(JsonObject document) {
    OutputUnit result = VALIDATOR.validate(document);
    assertThat(result.getValid()).as("Traefik schema errors %s for %s", result.getErrors(), document.encodePrettily())
        .isTrue();
  }

  public static boolean isValid(JsonObject document) {
    return VALIDATOR.validate(document).getValid();
  }

  private static JsonObject load(String resource) {
    try (InputStream in = TraefikSchema.class.getResourceAsStream(resource)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
