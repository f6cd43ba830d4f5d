package io.devsanctum.gateway.route;

import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.NewUser;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;

/** First-run setup: is a first admin still needed, and creating it. */
public class SetupRoutes {

  private final AuthContract auth;

  public SetupRoutes(AuthContract auth) {
    this.auth = auth;
  }

  public void mount(RouterBuilder api) {
    ApiOperations operations = new ApiOperations(api);
    operations.answer("getSetupStatus", 200, ctx -> auth.firstUserRequired()
        .map(required -> Map.of("firstUserRequired", required)));
    operations.answer("createFirstAdmin", 201, ctx -> auth.createFirstAdmin(ApiRequest.body(ctx, NewUser.class)));
  }
}
