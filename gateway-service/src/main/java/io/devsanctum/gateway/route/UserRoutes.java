package io.devsanctum.gateway.route;

import static io.devsanctum.gateway.middleware.AuthenticationHandler.caller;
import static io.devsanctum.gateway.route.ApiOperations.bodyAndPath;
import static io.devsanctum.gateway.route.ApiOperations.path;
import static io.devsanctum.gateway.route.ApiOperations.query;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.gateway.client.ServiceClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Accounts, roles and quotas, and API tokens. */
public class UserRoutes {

  private final ServiceClient services;
  private final WorkspaceContract workspaces;

  public UserRoutes(ServiceClient services, WorkspaceContract workspaces) {
    this.services = services;
    this.workspaces = workspaces;
  }

  public void mount(RouterBuilder api) {
    ApiOperations forward = new ApiOperations(api, services);
    forward.operation("getCurrentUser", AuthContract.USERS_ME, 200, ctx -> new JsonObject());
    forward.operation("listUsers", AuthContract.USERS_LIST, 200, ctx -> new JsonObject());
    forward.operation("createUser", AuthContract.USERS_CREATE, 201, bodyAndPath());
    forward.operation("suspendUser", AuthContract.USERS_SUSPEND, 200, path("userId"));
    forward.operation("reactivateUser", AuthContract.USERS_REACTIVATE, 200, path("userId"));
    forward.operation("changeUserRole", AuthContract.USERS_CHANGE_ROLE, 200, bodyAndPath("userId"));
    forward.operation("resetUserPassword", AuthContract.USERS_RESET_PASSWORD, 200, path("userId"));
    forward.operation("deleteUser", AuthContract.USERS_DELETE, 204,
        ctx -> path("userId").apply(ctx).put("deleteWorkspaces", Boolean.TRUE.equals(ApiRequest.query(ctx, "deleteWorkspaces"))));
    forward.operation("listSignInLockouts", AuthContract.LOCKOUTS_LIST, 200, ctx -> new JsonObject());
    forward.operation("clearUserSignInLockouts", AuthContract.LOCKOUTS_CLEAR_USER, 204, path("userId"));
    forward.operation("clearAddressSignInLockouts", AuthContract.LOCKOUTS_CLEAR_ADDRESS, 204, path("address"));
    forward.answer("getUserQuota", 200, ctx -> workspaces.quota(caller(ctx), ApiRequest.pathUuid(ctx, "userId")));
    forward.answer("setUserQuota", 200, ctx -> {
      JsonObject limits = ApiRequest.body(ctx);
      return workspaces.setQuota(caller(ctx), new Quota(ApiRequest.pathUuid(ctx, "userId"),
          limits.getInteger("maxWorkspaces"), limits.getInteger("maxCpuMillis"), limits.getInteger("maxMemoryMb")));
    });
    forward.operation("listApiTokens", AuthContract.API_TOKENS_LIST, 200, query("userId"));
    forward.operation("createApiToken", AuthContract.API_TOKENS_CREATE, 201, bodyAndPath());
    forward.operation("revokeApiToken", AuthContract.API_TOKENS_REVOKE, 204, path("tokenId"));
  }
}
