package io.devsanctum.common.contract;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of DevSanctum's API, as shipped in this jar: the one source of the API's
 * shapes and limits. The gateway validates requests with it, services read their limits from it
 * ({@link io.devsanctum.common.contract.workspace.TemplateLimits}), the dashboard fetches it.
 */
public final class ApiDocument {

  /** Where the document is on the classpath. */
  public static final String PATH = "openapi/devsanctum.yaml";

  private static final JsonObject DOCUMENT = parse(read());

  private ApiDocument() {
  }

  /** The document (a copy: callers may change it). */
  public static JsonObject document() {
    return DOCUMENT.copy();
  }

  /** The schema {@code #/components/schemas/<name>}, its {@code $ref}s left as they are. */
  public static JsonObject schema(String name) {
    JsonObject schema = DOCUMENT.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
    if (schema == null) {
      throw new IllegalStateException(PATH + " has no schema " + name);
    }
    return schema;
  }

  /** A property of a schema, following a {@code $ref} to a named schema. */
  public static JsonObject property(String schemaName, String property) {
    JsonObject found = schema(schemaName).getJsonObject("properties").getJsonObject(property);
    if (found == null) {
      throw new IllegalStateException(PATH + ": schema " + schemaName + " has no property " + property);
    }
    while (found.containsKey("$ref")) {
      String ref = found.getString("$ref");
      found = schema(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return found;
  }

  public static JsonObject parse(String yaml) {
    Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject(tree);
  }

  private static String read() {
    try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(PATH)) {
      if (in == null) {
        throw new IllegalStateException(PATH + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
