package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.gateway.openapi.ApiContract;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The role matrix: every operation of the contract that names a permission, called by every role
 * (each signed in) and by API tokens of each single scope, over HTTP against the whole platform. The
 * expected answer is derived, not written down: the operation's {@code x-devsanctum-permission} and
 * common's AccessPolicy say whether the caller may. The gateway decides permissions before it reads
 * the request further, so a refused call is a 403 naming the policy's reason, and an allowed one is
 * anything but a 403 (ids in paths are random, so an allowed call mostly meets a 404).
 */
class RoleMatrixTest {

  private static Platform platform;
  private static HttpClient http;
  private static final List<Credential> callers = new ArrayList<>();

  /** A caller as the policy sees it, and the Bearer token it calls with. */
  record Credential(String name, Caller caller, String token) {
  }

  record Cell(String operation, String caller, String expected, int status, String detail) {
  }

  @BeforeAll
  static void start() {
    platform = Platform.start();
    http = platform.runtime().vertx().createHttpClient();
    ContractFuzzTest.contract = ApiContract.load(platform.runtime().vertx()).await().document();
    JsonObject ownerSession = platform.firstAdmin("root", "correct horse battery");
    String ownerToken = ownerSession.getString("accessToken");
    for (Role role : Role.values()) {
      JsonObject session = role == Role.OWNER ? ownerSession : userOfRole(ownerToken, role);
      JsonObject user = session.getJsonObject("user");
      callers.add(new Credential(role.wireName(), new Caller(UUID.fromString(user.getString("id")), role,
          user.getString("username")), session.getString("accessToken")));
    }
    Caller owner = callers.get(0).caller();
    for (Scope scope : Scope.values()) {
      JsonObject issued = platform.post("/api/v1/api-tokens", ownerToken, new JsonObject().put("name", "only-" + scope
          .wireName().replace(':', '-')).put("scopes", new JsonArray().add(scope.wireName()))).bodyAsJsonObject();
      assertThat(issued.getJsonArray("scopes").getList()).as("scopes of the token").containsExactly(scope.wireName());
      callers.add(new Credential("owner's token with " + scope.wireName(), owner.withScopes(Set.of(scope)),
          issued.getString("token")));
    }
  }

  private static JsonObject userOfRole(String ownerToken, Role role) {
    String username = role.wireName().replace("-", "");
    assertThat(platform.post("/api/v1/users", ownerToken, new JsonObject().put("email", username + "@example.com")
        .put("username", username).put("password", "matrix password 1").put("role", role.wireName())).statusCode())
        .as("creating the " + role.wireName()).isEqualTo(201);
    return platform.signIn(username, "matrix password 1");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void everyOperationAnswersEveryRoleAndTokenScopeAsThePolicySays() {
    List<Cell> cells = new ArrayList<>();
    for (Map.Entry<String, JsonObject> entry : ContractFuzzTest.operations().entrySet()) {
      JsonObject operation = entry.getValue();
      if (!operation.containsKey(Permission.OPERATION_EXTENSION)) {
        continue; // open to anyone: nothing to decide
      }
      String[] key = entry.getKey().split(" ", 2);
      Optional<Permission> needed = Permission.ofOperation(operation.getString("operationId"), operation);
      for (Credential credential : callers) {
        Optional<String> refusal = needed.flatMap(permission -> AccessPolicy.refusal(credential.caller(), permission));
        cells.add(call(key[0], key[1], operation, credential, refusal.orElse(null)));
      }
    }
    List<String> wrong = new ArrayList<>();
    long denied = 0;
    for (Cell cell : cells) {
      boolean refusedAsExpected = cell.status() == 403 && cell.expected() != null
          && cell.expected().equals(cell.detail());
      if (cell.expected() != null) {
        denied++;
        if (!refusedAsExpected) {
          wrong.add(cell.caller() + " " + cell.operation() + ": expected 403 (" + cell.expected() + "), got "
              + cell.status() + " " + cell.detail());
        }
      } else if (cell.status() == 403 || cell.status() == 401 || cell.status() >= 500) {
        wrong.add(cell.caller() + " " + cell.operation() + ": expected it allowed, got " + cell.status() + " "
            + cell.detail());
      }
    }
    long operations = cells.stream().map(Cell::operation).distinct().count();
    System.out.println("role matrix: " + operations + " operations x " + callers.size() + " callers ("
        + Role.values().length + " roles signed in, " + Scope.values().length + " single-scope tokens) = "
        + cells.size() + " cells, " + denied + " refused, " + (cells.size() - denied) + " allowed");
    assertThat(wrong).as("cells that differ from the policy").isEmpty();
    assertThat(cells).hasSize((int) operations * callers.size());
    assertThat(operations).as("operations naming a permission").isGreaterThan(45);
    assertThat(denied).as("refused cells").isGreaterThan(100);
  }

  /**
   * What the matrix's random ids cannot show: whose account it is. A user admin changes a member's
   * account and quota, and nothing of a real owner's, the quota included.
   */
  @Test
  void aUserAdminChangesAMembersAccountAndQuotaButNothingOfAnOwners() {
    String userAdmin = credential(Role.USER_ADMIN).token();
    String owner = "/api/v1/users/" + credential(Role.OWNER).caller().userId();
    String member = "/api/v1/users/" + credential(Role.MEMBER).caller().userId();
    JsonObject noWorkspaces = new JsonObject().put("maxWorkspaces", 0);

    assertThat(platform.send(HttpMethod.PUT, member + "/quota", userAdmin, noWorkspaces).statusCode()).isEqualTo(200);
    assertThat(platform.send(HttpMethod.PUT, member + "/quota", userAdmin, new JsonObject()).statusCode())
        .isEqualTo(200);
    Map<String, HttpResponse<Buffer>> refused = Map.of(
        "quota", platform.send(HttpMethod.PUT, owner + "/quota", userAdmin, noWorkspaces),
        "role", platform.send(HttpMethod.PUT, owner + "/role", userAdmin, new JsonObject().put("role", "member")),
        "suspension", platform.post(owner + "/suspend", userAdmin, null),
        "password reset", platform.post(owner + "/password-reset", userAdmin, null),
        "deletion", platform.send(HttpMethod.DELETE, owner, userAdmin, null));
    refused.forEach((change, answer) -> {
      assertThat(answer.statusCode()).as("the owner's " + change).isEqualTo(403);
      assertThat(answer.bodyAsJsonObject().getString("detail")).as("the owner's " + change).contains("owner.write");
    });
    assertThat(platform.get(owner + "/quota", credential(Role.OWNER).token()).bodyAsJsonObject()
        .getValue("maxWorkspaces")).as("the owner's quota").isNull();
  }

  private static Credential credential(Role role) {
    return callers.stream().filter(credential -> credential.name().equals(role.wireName())).findFirst().orElseThrow();
  }

  private static Cell call(String method, String path, JsonObject operation, Credential credential, String expected) {
    List<JsonObject> parameters = ContractFuzzTest.parameters(path, operation);
    String uri = randomIds(path) + ContractFuzzTest.queryString(ContractFuzzTest.validQuery(parameters));
    MultiMap headers = ContractFuzzTest.headers(parameters).set("Authorization", "Bearer " + credential.token());
    JsonObject bodySchema = ContractFuzzTest.bodySchema(operation);
    Buffer body = null;
    if (bodySchema != null) {
      body = Buffer.buffer(io.vertx.core.json.Json.encode(ContractFuzzTest.sample(bodySchema, false)));
      headers.set("Content-Type", "application/json");
    }
    Buffer sent = body;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method.toUpperCase()))
        .setHost("127.0.0.1").setPort(platform.port()).setURI(uri).setHeaders(headers).setIdleTimeout(20_000);
    return http.request(options).compose(request -> (sent == null ? request.send() : request.send(sent))
        .compose(response -> {
          String type = response.getHeader("Content-Type");
          if (type != null && type.startsWith("text/event-stream")) {
            response.exceptionHandler(reset -> { }); // a stream stays open: its head is the answer
            request.reset();
            return Future.succeededFuture(new Cell(operation.getString("operationId"), credential.name(), expected,
                response.statusCode(), null));
          }
          return response.body().map(answer -> new Cell(operation.getString("operationId"), credential.name(),
              expected, response.statusCode(), detail(answer)));
        })).await();
  }

  private static String detail(Buffer answer) {
    try {
      return new JsonObject(answer).getString("detail");
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** The path with random ids: no request may be answered by what it names, only by who asks. */
  private static String randomIds(String path) {
    String filled = path;
    for (String name : List.of("userId", "templateId", "workspaceId", "tokenId", "keyId")) {
      filled = filled.replace("{" + name + "}", UUID.randomUUID().toString());
    }
    return filled.replace("{number}", "1").replace("{provider}", "github").replace("{address}", "192.0.2.7");
  }
}
