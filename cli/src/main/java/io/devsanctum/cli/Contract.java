package io.devsanctum.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API's contract (the OpenAPI document, bundled into the CLI's jar at build time): the names
 * the CLI checks before asking the server come from it, so the two never disagree. Read on first use.
 */
final class Contract {

  static final String PATH = "openapi/devsanctum.yaml";

  private Contract() {
  }

  /** The values of the named schema's {@code enum}, in the contract's order. */
  static List<String> enumOf(String schema) {
    Object values = schema(schema).get("enum");
    if (!(values instanceof List<?> list)) {
      throw new IllegalStateException(PATH + ": schema " + schema + " has no enum");
    }
    return list.stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schema(String name) {
    Map<String, Object> components = (Map<String, Object>) Document.TREE.get("components");
    Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");
    Object schema = schemas.get(name);
    if (!(schema instanceof Map<?, ?>)) {
      throw new IllegalStateException(PATH + " has no schema " + name);
    }
    return (Map<String, Object>) schema;
  }

  /** The parsed document, loaded when first asked for (most commands never need it). */
  private static final class Document {
    static final Map<String, Object> TREE = read();

    private static Map<String, Object> read() {
      try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(PATH)) {
        if (in == null) {
          throw new IllegalStateException(PATH + " is not in the CLI's jar");
        }
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
