package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.DeploymentLogEvent;
import io.devsanctum.common.contract.workspace.DeploymentLogLine;
import io.devsanctum.common.contract.workspace.DeploymentStatus;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.gateway.edge.HttpEdge;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.devsanctum.gateway.middleware.HeadAsGet;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.LiveConnections;
import io.devsanctum.gateway.security.WorkspaceAccessPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Server-Sent Events fed by the services' event-bus publications: a deployment's log while it
 * runs, and workspace state changes for the dashboard. Access is checked by asking the owning
 * service first (another user's workspace answers 404 before any stream opens). A stream ends when
 * the credential it was opened with does, or its user's role changes (what it shows depended on
 * the role): the browser then reconnects as who it is now.
 *
 * <p>A client that reads slowly never makes the gateway buffer without bound: while its write
 * queue is full, a log stream stops writing and, once drained, reads the lines it skipped from the
 * deployment's stored log; a workspace stream keeps only each workspace's latest state and sends
 * those once drained. Nothing is lost, and nothing piles up.
 */
public class EventStreams {

  private static final long KEEPALIVE_MS = 15_000;

  private final Vertx vertx;
  private final WorkspaceContract workspaces;
  private final WorkspaceLinks links;
  private final LiveConnections connections;

  public EventStreams(Vertx vertx, WorkspaceContract workspaces, WorkspaceLinks links, LiveConnections live) {
    this.vertx = vertx;
    this.workspaces = workspaces;
    this.links = links;
    this.connections = live;
  }

  /**
   * History first, then live lines. The live subscription starts before the history is read and
   * buffers until it is written, so no line falls between the two; lines are sent once, in order.
   */
  void deploymentLog(RoutingContext ctx, UUID workspaceId, int number) {
    Caller caller = AuthenticationHandler.caller(ctx);
    LogStream stream = new LogStream(ctx.response(), caller, workspaceId, number, lastEventId(ctx));
    MessageConsumer<JsonObject> live = TypedBus.subscribe(vertx,
        WorkspaceContract.deploymentLogAddress(workspaceId, number), DeploymentLogEvent.class, stream::offer);
    live.completion()
        .compose(registered -> workspaces.deploymentLog(caller, workspaceId, number, stream.lastSent))
        .onSuccess(history -> {
          if (!openStream(ctx, () -> live.unregister())) {
            return;
          }
          stream.start(history.lines(), history.deployment());
        })
        .onFailure(failure -> {
          live.unregister();
          ctx.fail(failure);
        });
  }

  /** Every change of a workspace the caller may see: their own, or all for owners and auditors. */
  void workspaceChanges(RoutingContext ctx) {
    Caller caller = AuthenticationHandler.caller(ctx);
    HttpServerResponse response = ctx.response();
    Map<UUID, Workspace> waiting = new LinkedHashMap<>();
    response.drainHandler(v -> {
      List<Workspace> latest = new ArrayList<>(waiting.values());
      waiting.clear();
      latest.forEach(workspace -> sendWorkspace(response, waiting, workspace));
    });
    MessageConsumer<JsonObject> live = TypedBus.subscribe(vertx, WorkspaceContract.EVENTS_WORKSPACE_CHANGED,
        Workspace.class, workspace -> {
          if (WorkspaceAccessPolicy.maySee(caller, workspace.ownerId())) {
            sendWorkspace(response, waiting, workspace);
          }
        });
    openStream(ctx, live::unregister);
  }

  /** Sends the change, or, while the client is behind, keeps it as that workspace's latest. */
  private void sendWorkspace(HttpServerResponse response, Map<UUID, Workspace> waiting, Workspace workspace) {
    if (response.ended()) {
      return;
    }
    if (response.writeQueueFull() || !waiting.isEmpty()) {
      waiting.remove(workspace.id());
      waiting.put(workspace.id(), workspace);
      return;
    }
    response.write("event: workspace\ndata: " + ContractJson.toJson(links.linked(workspace)).encode() + "\n\n");
  }

  /**
   * Sends the stream's headers; false when the request was a HEAD, which ends there, or when the
   * client left while the stream was being prepared (a close handler set after the close never runs).
   */
  private boolean openStream(RoutingContext ctx, Runnable onClose) {
    if (ctx.response().closed()) {
      onClose.run();
      return false;
    }
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
    long keepalive = vertx.setPeriodic(KEEPALIVE_MS, id -> {
      if (!response.writeQueueFull()) {
        response.write(": keepalive\n\n");
      }
    });
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

  private static int lastEventId(RoutingContext ctx) {
    try {
      String id = ctx.request().getHeader("Last-Event-ID");
      return id == null ? 0 : Math.max(0, Integer.parseInt(id));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isFinished(Deployment deployment) {
    return deployment.status() == DeploymentStatus.SUCCEEDED || deployment.status() == DeploymentStatus.FAILED;
  }

  /**
   * One deployment's lines in order and once each, from history and live events. While the client
   * is behind it writes nothing; once drained it reads what it skipped from the stored log.
   */
  private final class LogStream {
    private final HttpServerResponse response;
    private final Caller caller;
    private final UUID workspaceId;
    private final int number;
    private final List<DeploymentLogEvent> pending = new ArrayList<>();
    /** Live lines that come while the skipped ones are read back: sent after them. */
    private final List<DeploymentLogLine> duringCatchUp = new ArrayList<>();
    private boolean started;
    private boolean behind;
    private boolean catchingUp;
    private boolean ended;
    private Deployment finished;
    private int lastSent;

    LogStream(HttpServerResponse response, Caller caller, UUID workspaceId, int number, int after) {
      this.response = response;
      this.caller = caller;
      this.workspaceId = workspaceId;
      this.number = number;
      this.lastSent = after;
    }

    void start(List<DeploymentLogLine> history, Deployment deployment) {
      response.drainHandler(v -> catchUp());
      history.forEach(this::send);
      started = true;
      pending.forEach(this::offer);
      pending.clear();
      if (isFinished(deployment)) {
        end(deployment);
      }
    }

    void offer(DeploymentLogEvent event) {
      if (!started) {
        pending.add(event);
      } else if (event.finished() != null) {
        end(event.finished());
      } else if (event.line() != null) {
        send(event.line());
      }
    }

    private void send(DeploymentLogLine line) {
      if (catchingUp) {
        duringCatchUp.add(line);
        return;
      }
      if (ended || behind || line.lineNumber() <= lastSent) {
        return;
      }
      if (response.writeQueueFull()) {
        behind = true; // the lines from here on are read back from the log once the client catches up
        return;
      }
      lastSent = line.lineNumber();
      response.write("id: " + line.lineNumber() + "\nevent: line\ndata: " + ContractJson.toJson(line).encode() + "\n\n");
    }

    void end(Deployment deployment) {
      if (behind) {
        finished = deployment; // after the skipped lines
        return;
      }
      if (!ended) {
        ended = true;
        response.end("event: end\ndata: " + ContractJson.toJson(deployment).encode() + "\n\n");
      }
    }

    /** The client drained its queue: the skipped lines from the stored log, then live again. */
    private void catchUp() {
      if (!behind || catchingUp || ended) {
        return;
      }
      catchingUp = true;
      workspaces.deploymentLog(caller, workspaceId, number, lastSent).onComplete(read -> {
        catchingUp = false;
        if (read.failed()) {
          duringCatchUp.clear();
          response.end(); // the browser reconnects from its last event id
          return;
        }
        behind = false;
        read.result().lines().forEach(this::send);
        duringCatchUp.forEach(this::send);
        duringCatchUp.clear();
        Deployment done = finished != null ? finished : read.result().deployment();
        if (!behind && isFinished(done)) {
          end(done);
        }
      });
    }
  }
}
