package io.devsanctum.gateway.route;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document in the repository, as published ({@link #document()}) and as handed to
 * Vert.x's router ({@link #routing()}).
 *
 * <p>vertx-openapi 5.0 refuses response media types outside its short list, and RFC 7807's
 * {@code application/problem+json} is not on it. Responses are not validated by the router, so
 * the copy it gets declares those bodies as {@code application/json}; the published document
 * keeps the true media type.
 */
public record ApiContract(JsonObject document, OpenAPIContract routing) {

  public static final String PATH = "openapi/devsanctum.yaml";
  private static final String PROBLEM_JSON = "application/problem+json";

  public static Future<ApiContract> load(Vertx vertx) {
    return vertx.fileSystem().readFile(PATH)
        .map(yaml -> parseYaml(yaml.toString()))
        .compose(document -> OpenAPIContract.from(vertx, forRouter(document.copy()))
            .map(routing -> new ApiContract(document, routing)));
  }

  static JsonObject parseYaml(String yaml) {
    Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject(tree);
  }

  private static JsonObject forRouter(JsonObject node) {
    JsonObject content = node.getJsonObject("content");
    if (content != null && content.containsKey(PROBLEM_JSON)) {
      content.put("application/json", content.remove(PROBLEM_JSON));
    }
    node.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject child) {
        forRouter(child);
      } else if (entry.getValue() instanceof JsonArray array) {
        array.forEach(item -> {
          if (item instanceof JsonObject child) {
            forRouter(child);
          }
        });
      }
    });
    return node;
  }
}
