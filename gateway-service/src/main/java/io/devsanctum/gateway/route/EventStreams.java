package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.WorkspaceContract;
import io.devsanctum.gateway.client.ServiceClient;
import io.devsanctum.gateway.edge.HttpEdge;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.LiveConnections;
import io.devsanctum.gateway.middleware.HeadAsGet;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-Sent Events fed by the services' event-bus publications: a deployment's log while it
 * runs, and workspace state changes for the dashboard. Access is checked by asking the owning
 * service first (another user's workspace answers 404 before any stream opens). A stream ends when
 * the credential it was opened with does, or its user's role changes (what it shows depended on
 * the role): the browser then reconnects as who it is now.
 */
public class EventStreams {

  private static final long KEEPALIVE_MS = 15_000;

  private final Vertx vertx;
  private final ServiceClient services;
  private final WorkspaceLinks links;
  private final LiveConnections connections;

  public EventStreams(Vertx vertx, ServiceClient services, WorkspaceLinks links, LiveConnections live) {
    this.vertx = vertx;
    this.services = services;
    this.links = links;
    this.connections = live;
  }

  /**
   * History first, then live lines. The live subscription starts before the history is read and
   * buffers until it is written, so no line falls between the two; lines are sent once, in order.
   */
  void deploymentLog(RoutingContext ctx, JsonObject deployment) {
    Caller caller = AuthenticationHandler.caller(ctx);
    String workspaceId = deployment.getString("workspaceId");
    int number = deployment.getInteger("number");
    int resumeAfter = lastEventId(ctx);
    LogStream stream = new LogStream(ctx.response());
    MessageConsumer<JsonObject> live = vertx.eventBus().consumer(WorkspaceContract.EVENTS_DEPLOYMENT_LOG, message -> {
      JsonObject event = message.body();
      if (workspaceId.equals(event.getString("workspaceId")) && event.getInteger("number") == number) {
        stream.offer(event);
      }
    });
    live.completion()
        .compose(registered -> services.<JsonObject>request(WorkspaceContract.DEPLOYMENT_LOGS,
            deployment.copy().put("afterLine", resumeAfter), caller))
        .onSuccess(history -> {
          if (!openStream(ctx, () -> live.unregister())) {
            return;
          }
          stream.start(history.getJsonArray("lines"), resumeAfter);
          JsonObject finished = history.getJsonObject("deployment");
          if (isFinished(finished)) {
            stream.end(finished);
          }
        })
        .onFailure(failure -> {
          live.unregister();
          ctx.fail(failure);
        });
  }

  /** Every change of a workspace the caller may see: their own, or all for admins. */
  void workspaceChanges(RoutingContext ctx) {
    Caller caller = AuthenticationHandler.caller(ctx);
    HttpServerResponse response = ctx.response();
    MessageConsumer<JsonObject> live = vertx.eventBus().consumer(WorkspaceContract.EVENTS_WORKSPACE_CHANGED, message -> {
      JsonObject workspace = message.body();
      if (caller.isAdmin() || caller.userId().toString().equals(workspace.getString("ownerId"))) {
        links.decorate(workspace);
        response.write("event: workspace\ndata: " + workspace.encode() + "\n\n");
      }
    });
    openStream(ctx, live::unregister);
  }

  /** Sends the stream's headers; false when the request was a HEAD, which ends there. */
  private boolean openStream(RoutingContext ctx, Runnable onClose) {
    Authenticated opener = AuthenticationHandler.authenticated(ctx);
    HttpServerResponse response = ctx.response()
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        .setChunked(true);
    HttpEdge.sentAsIs(response.headers());
    if (HeadAsGet.isHead(ctx)) {
      response.end();
      onClose.run();
      return false;
    }
    response.write(": connected\n\n");
    long keepalive = vertx.setPeriodic(KEEPALIVE_MS, id -> response.write(": keepalive\n\n"));
    Runnable release = connections.follow(opener, "an event stream", current -> current.role().equals(opener.caller().role()),
        () -> {
          if (!response.ended()) {
            response.end();
          }
        });
    Runnable cleanup = () -> {
      if (vertx.cancelTimer(keepalive)) {
        release.run();
        onClose.run();
      }
    };
    response.closeHandler(v -> cleanup.run());
    response.endHandler(v -> cleanup.run());
    return true;
  }

  private static boolean isFinished(JsonObject deployment) {
    String status = deployment.getString("status");
    return "SUCCEEDED".equals(status) || "FAILED".equals(status);
  }

  private static int lastEventId(RoutingContext ctx) {
    try {
      String id = ctx.request().getHeader("Last-Event-ID");
      return id == null ? 0 : Math.max(0, Integer.parseInt(id));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Orders and de-duplicates one deployment's lines between history and live events. */
  private static final class LogStream {
    private final HttpServerResponse response;
    private final List<JsonObject> pending = new ArrayList<>();
    private boolean started;
    private boolean ended;
    private int lastSent;

    LogStream(HttpServerResponse response) {
      this.response = response;
    }

    void start(JsonArray history, int after) {
      lastSent = after;
      history.forEach(line -> send((JsonObject) line));
      started = true;
      pending.forEach(this::offer);
      pending.clear();
    }

    void offer(JsonObject event) {
      if (!started) {
        pending.add(event);
      } else if (event.getBoolean("final", false)) {
        end(event);
      } else {
        send(event);
      }
    }

    private void send(JsonObject line) {
      int number = line.getInteger("line");
      if (!ended && number > lastSent) {
        lastSent = number;
        response.write("id: " + number + "\nevent: line\ndata: " + line.encode() + "\n\n");
      }
    }

    void end(JsonObject deployment) {
      if (!ended) {
        ended = true;
        JsonObject summary = deployment.copy();
        summary.remove("final");
        response.end("event: end\ndata: " + summary.encode() + "\n\n");
      }
    }
  }
}
