package io.devsanctum.gateway.openapi;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.contract.ApiDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI document in the repository, as published ({@link #document()}) and as handed to
 * Vert.x's router ({@link #routing()}).
 *
 * <p>vertx-openapi 5.0 refuses response media types outside its short list, and neither RFC 7807's
 * {@code application/problem+json} nor Server-Sent Events' {@code text/event-stream} is on it.
 * Responses are not validated by the router, so the copy it gets declares such bodies with a
 * listed type; the published document keeps the true media types.
 *
 * <p>The router's copy also carries no {@code security}: with a choice of schemes (bearer or
 * cookie) and no Vert.x auth handler configured, the router would mount an empty handler chain that
 * fails every request. Authentication is done by the gateway's own middleware, which reads each
 * operation's requirements from the published document ({@link #requiresCaller}). Nor does it
 * carry {@code servers}: the published one is relative ({@code /}, wherever the server is reached),
 * which Vert.x would refuse, and the router serves the paths as they are.
 */
public record ApiContract(JsonObject document, OpenAPIContract routing) {

  private static final Logger LOG = LoggerFactory.getLogger(ApiContract.class);

  /** The extension naming the audit action of an operation. */
  public static final String AUDIT_EXTENSION = "x-devsanctum-audit";

  private static final Map<String, String> STAND_INS = Map.of(
      "application/problem+json", "application/json",
      "text/event-stream", "text/plain",
      "text/csv", "text/plain");

  /**
   * Reads the document (parsed from YAML on first use in the process) and prepares the router's
   * copy on a worker: at start-up that is class loading and parsing the event loop need not wait on.
   */
  public static Future<ApiContract> load(Vertx vertx) {
    long started = System.nanoTime();
    return vertx.executeBlocking(() -> {
      JsonObject document = ApiDocument.document();
      return new JsonObject[] {document, withoutSecurityAndServers(forRouter(document.copy()))};
    }, false).compose(documents -> OpenAPIContract.from(vertx, documents[1])
        .map(routing -> new ApiContract(documents[0], new ValidatorPerSchema(routing)).withPermissionsNamed()))
        .onSuccess(contract -> LOG.info("API contract loaded ({} ms)", (System.nanoTime() - started) / 1_000_000));
  }

  /** Refuses a document in which an operation for signed-in callers names no permission: none may be open by omission. */
  private ApiContract withPermissionsNamed() {
    routing.operations().stream().filter(this::requiresCaller).forEach(this::requiredPermission);
    return this;
  }

  /** Whether the operation needs a signed-in caller: its own {@code security}, else the document's. */
  public boolean requiresCaller(Operation operation) {
    JsonArray security = documented(operation).getJsonArray("security", document.getJsonArray("security", new JsonArray()));
    return security.stream().map(JsonObject.class::cast)
        .anyMatch(requirement -> requirement.containsKey("bearerAuth") || requirement.containsKey("cookieAuth"));
  }

  /**
   * Whether an anonymous caller of the operation is let through to its handler (which then
   * redirects to sign in) instead of getting a 401: {@code x-devsanctum-anonymous: redirect-to-sign-in}.
   * Browsers land on such operations by following a redirect, where a 401 would be a dead end.
   */
  public boolean redirectsAnonymous(Operation operation) {
    return "redirect-to-sign-in".equals(documented(operation).getString("x-devsanctum-anonymous"));
  }

  /**
   * Whether a caller whose password must be changed (after an admin's reset) may still call the
   * operation: {@code x-devsanctum-password-change: allowed}.
   */
  public boolean allowedDuringPasswordChange(Operation operation) {
    return "allowed".equals(documented(operation).getString("x-devsanctum-password-change"));
  }

  /** The methods the contract serves at {@code path}, HEAD wherever GET; empty when no API path matches. */
  public Set<HttpMethod> methodsAt(String path) {
    Set<HttpMethod> methods = new LinkedHashSet<>();
    Path matched = routing.findPath(path);
    if (matched != null) {
      matched.getOperations().forEach(operation -> {
        methods.add(operation.getHttpMethod());
        if (operation.getHttpMethod() == HttpMethod.GET) {
          methods.add(HttpMethod.HEAD);
        }
      });
    }
    return methods;
  }

  /**
   * What a caller of the operation needs besides signing in ({@code x-devsanctum-permission}), if
   * anything. An operation open to anyone (sign-in, the OAuth callback) needs nothing of a caller who
   * brings credentials all the same; one for signed-in callers must name its permission.
   */
  public Optional<Permission> requiredPermission(Operation operation) {
    JsonObject documented = documented(operation);
    if (!requiresCaller(operation) && !documented.containsKey(Permission.OPERATION_EXTENSION)) {
      return Optional.empty();
    }
    return Permission.ofOperation(operation.getOperationId(), documented);
  }

  /**
   * The audit action the operation is recorded as ({@code x-devsanctum-audit}): its services record
   * it done, and the gateway records it refused.
   */
  public Optional<AuditAction> auditedAs(Operation operation) {
    String action = documented(operation).getString(AUDIT_EXTENSION);
    return action == null ? Optional.empty() : Optional.of(AuditAction.fromWire(action));
  }

  private JsonObject documented(Operation operation) {
    return document.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
        .getJsonObject(operation.getHttpMethod().name().toLowerCase());
  }

  private static JsonObject withoutSecurityAndServers(JsonObject contract) {
    contract.remove("servers");
    contract.remove("security");
    contract.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue())
        .forEach(operation -> {
          if (operation.getValue() instanceof JsonObject op) {
            op.remove("security");
          }
        }));
    return contract;
  }

  private static JsonObject forRouter(JsonObject node) {
    JsonObject content = node.getJsonObject("content");
    if (content != null) {
      STAND_INS.forEach((actual, standIn) -> {
        if (content.containsKey(actual)) {
          content.put(standIn, content.remove(actual));
        }
      });
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
