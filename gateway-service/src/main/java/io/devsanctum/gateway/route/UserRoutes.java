package io.devsanctum.gateway.route;

import static io.devsanctum.gateway.middleware.AuthenticationHandler.caller;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.ListedUser;
import io.devsanctum.common.contract.auth.NewUser;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Accounts, roles and quotas, API tokens and SSH keys. */
public class UserRoutes {

  private final AuthContract auth;
  private final WorkspaceContract workspaces;

  public UserRoutes(AuthContract auth, WorkspaceContract workspaces) {
    this.auth = auth;
    this.workspaces = workspaces;
  }

  public void mount(RouterBuilder api) {
    ApiOperations operations = new ApiOperations(api);
    operations.answer("getCurrentUser", 200, ctx -> auth.me(caller(ctx)).map(user -> withRights(user, caller(ctx))));
    operations.answer("listUsers", 200, ctx -> auth.users(caller(ctx), ApiPages.request(ctx))
        .map(page -> ApiPages.body("users", page.map(UserRoutes::listed))));
    operations.answer("createUser", 201, ctx -> {
      JsonObject body = ApiRequest.body(ctx);
      String role = body.getString("role");
      return auth.createUser(caller(ctx), ApiRequest.body(ctx, NewUser.class), role == null ? null : Role.fromWire(role));
    });
    operations.answer("suspendUser", 200, ctx -> auth.suspend(caller(ctx), userId(ctx)));
    operations.answer("reactivateUser", 200, ctx -> auth.reactivate(caller(ctx), userId(ctx)));
    operations.answer("changeUserRole", 200, ctx -> auth.changeRole(caller(ctx), userId(ctx),
        Role.fromWire(ApiRequest.body(ctx).getString("role"))));
    operations.answer("resetUserPassword", 200, ctx -> auth.resetPassword(caller(ctx), userId(ctx))
        .map(oneTime -> Map.of("oneTimePassword", oneTime)));
    operations.answer("deleteUser", 204, ctx -> auth.deleteUser(caller(ctx), userId(ctx),
        Boolean.TRUE.equals(ApiRequest.query(ctx, "deleteWorkspaces"))));
    operations.answer("listSignInLockouts", 200, ctx -> auth.lockouts(caller(ctx))
        .map(lockouts -> Map.of("lockouts", lockouts)));
    operations.answer("clearUserSignInLockouts", 204, ctx -> auth.clearUserLockouts(caller(ctx), userId(ctx)));
    operations.answer("clearAddressSignInLockouts", 204, ctx -> auth.clearAddressLockouts(caller(ctx),
        ApiRequest.path(ctx, "address")));
    operations.answer("getUserQuota", 200, ctx -> workspaces.quota(caller(ctx), userId(ctx)));
    operations.answer("setUserQuota", 200, ctx -> {
      JsonObject limits = ApiRequest.body(ctx);
      return workspaces.setQuota(caller(ctx), new Quota(userId(ctx), limits.getInteger("maxWorkspaces"),
          limits.getInteger("maxCpuMillis"), limits.getInteger("maxMemoryMb")));
    });
    operations.answer("listApiTokens", 200, ctx -> auth.apiTokens(caller(ctx), ApiRequest.queryUuid(ctx, "userId"),
            ApiPages.request(ctx))
        .map(page -> ApiPages.body("tokens", page)));
    operations.answer("createApiToken", 201, ctx -> {
      JsonObject body = ApiRequest.body(ctx);
      String expiresAt = body.getString("expiresAt");
      JsonArray scopes = body.getJsonArray("scopes");
      return auth.createApiToken(caller(ctx), body.getString("name"),
          expiresAt == null ? null : ApiRequest.dateTime("expiresAt", expiresAt),
          scopes == null ? null : scopes.stream().map(String.class::cast).map(Scope::fromWire)
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class))));
    });
    operations.answer("revokeApiToken", 204, ctx -> auth.revokeApiToken(caller(ctx), ApiRequest.pathUuid(ctx, "tokenId")));
    operations.answer("listSshKeys", 200, ctx -> auth.sshKeys(caller(ctx), ApiPages.request(ctx))
        .map(page -> ApiPages.body("keys", page)));
    operations.answer("addSshKey", 201, ctx -> {
      JsonObject body = ApiRequest.body(ctx);
      return auth.addSshKey(caller(ctx), body.getString("name"), body.getString("publicKey"));
    });
    operations.answer("deleteSshKey", 204, ctx -> auth.deleteSshKey(caller(ctx), ApiRequest.pathUuid(ctx, "keyId")));
  }

  /**
   * The signed-in user with what they may do now, through the credential they came with, and which
   * scopes they may put on an API token: AccessPolicy's answers, so the dashboard derives nothing.
   */
  private static JsonObject withRights(User user, Caller caller) {
    Caller asNow = new Caller(user.id(), user.role().wireName(), user.username(), caller.scopes());
    return ContractJson.toJson(user)
        .put("permissions", new JsonArray(AccessPolicy.held(asNow).stream().map(Permission::wireName).toList()))
        .put("scopes", new JsonArray(caller.scopes().stream().sorted().map(Scope::wireName).toList()))
        .put("grantableScopes", new JsonArray(AccessPolicy.grantableScopes(user.role()).stream().sorted()
            .map(Scope::wireName).toList()));
  }

  /** In the API a listed user is a user with one more field, its sign-in methods. */
  private static JsonObject listed(ListedUser listed) {
    return ContractJson.toJson(listed.user())
        .put("signInMethods", new JsonArray(listed.signInMethods().stream().map(ContractJson::toJson).toList()));
  }

  private static UUID userId(RoutingContext ctx) {
    return ApiRequest.pathUuid(ctx, "userId");
  }
}
