package io.devsanctum.gateway.middleware;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.RequestOrigin;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditActor;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditResult;
import io.devsanctum.common.contract.audit.AuditTarget;
import io.devsanctum.common.logging.RequestContext;
import io.devsanctum.gateway.audit.GatewayAuditLog;
import io.devsanctum.gateway.openapi.ApiContract;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records the refusals of audited operations (the contract's {@code x-devsanctum-audit}): an
 * answer of 400 or more is written to the audit log with the status and problem code the caller
 * got. A refusal changes nothing, so it has no transaction to be part of: it goes through the
 * gateway's {@link GatewayAuditLog} (sent again while the log's service is away; a failed sign-in
 * included, under the login it gave). Successes are recorded by the services, with their change.
 */
public class AuditRefusals implements Handler<RoutingContext> {

  private final ApiContract contract;
  private final GatewayAuditLog audit;

  public AuditRefusals(ApiContract contract, GatewayAuditLog audit) {
    this.contract = contract;
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Operation operation = contract.routing().findOperation(ctx.normalizedPath(), ctx.request().method());
    AuditAction action = operation == null ? null : contract.auditedAs(operation).orElse(null);
    if (action != null) {
      RequestOrigin origin = RequestContext.origin();
      ctx.addEndHandler(ended -> {
        int status = ctx.response().getStatusCode();
        // a 5xx is no refusal: the action may have happened (and been recorded) before the answer failed
        if (status >= 400 && status < 500) {
          record(ctx, operation, action, origin, status);
        }
      });
    }
    ctx.next();
  }

  private void record(RoutingContext ctx, Operation operation, AuditAction action, RequestOrigin origin, int status) {
    Caller caller = AuthenticationHandler.caller(ctx);
    AuditActor actor = caller != null ? AuditActor.of(caller) : AuditActor.anonymous(login(ctx, action));
    String code = Problem.sentSlug(ctx);
    AuditRecord refused = new AuditRecord(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), actor, action,
        new AuditTarget(action.targetType(), targetId(operation.getOpenAPIPath(), ctx.normalizedPath()), null),
        AuditChange.NONE, origin.clientAddress(), origin.userAgent(), origin.requestId(),
        AuditResult.refused(status, code == null ? "http-" + status : code));
    audit.record(refused);
  }

  /** The login a failed sign-in gave (never its password), to say whom it tried. */
  private static String login(RoutingContext ctx, AuditAction action) {
    if (action != AuditAction.SIGN_IN || ctx.body() == null || ctx.body().length() == 0) {
      return null;
    }
    try {
      JsonObject body = ctx.body().asJsonObject();
      Object login = body == null ? null : body.getValue("login");
      return login instanceof String given && given.length() <= 320 ? given : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /**
   * The id of the operation's target: the last path parameter ({@code /users/{userId}/…/{tokenId}})
   * whose value is a UUID; null when the path names none (a create).
   */
  static UUID targetId(String template, String path) {
    String[] names = template.split("/");
    String[] values = path.split("/");
    UUID found = null;
    for (int i = 0; i < names.length && i < values.length; i++) {
      if (names[i].startsWith("{")) {
        try {
          found = UUID.fromString(values[i]);
        } catch (IllegalArgumentException notAnId) {
          // a path parameter that is not an id (a deployment number) names no target
        }
      }
    }
    return found;
  }
}
