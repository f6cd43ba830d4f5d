package io.devsanctum.gateway.terminal;

import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.WorkspaceUse;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.provisioner.ProcessRequest;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.provisioner.TerminalControl;
import io.devsanctum.common.contract.provisioner.TerminalSize;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.gateway.activity.ActivityReports;
import io.devsanctum.gateway.middleware.AuthenticationHandler;
import io.devsanctum.gateway.middleware.HeadAsGet;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.BrowserOrigin;
import io.devsanctum.gateway.security.LiveConnections;
import io.devsanctum.gateway.security.WorkspaceAccessPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web terminal: a browser WebSocket joined to a shell that the provisioner runs in the
 * workspace's container ({@code docker exec} with a TTY), with the event bus in between so the
 * gateway and the Docker host need not be the same machine. Only the owner and admins get in
 * (workspace-service decides, answering 404 to anyone else), and the shell closes when the
 * credential it was opened with ends or its user may no longer have it (an admin demoted). An open
 * terminal is activity of its workspace, every minute and at every keystroke.
 */
public class TerminalBridge {

  private static final Logger LOG = LoggerFactory.getLogger(TerminalBridge.class);
  static final short CLOSE_UNAUTHENTICATED = 4401;
  static final short CLOSE_NOT_FOUND = 4404;
  static final short CLOSE_NOT_RUNNING = 4409;
  private static final String WEBSOCKET_VERSION = "13";

  /** Not (or no longer) allowed: the access the terminal was opened with ended, or it never reached this workspace. */
  static final short CLOSE_FORBIDDEN = 4403;

  private static final Caller GATEWAY = Caller.service("gateway");

  private final Vertx vertx;
  private final WorkspaceContract workspaces;
  private final ProvisionerContract provisioner;
  private final AuthenticationHandler authentication;
  private final LiveConnections live;
  private final ActivityReports activity;

  public TerminalBridge(Vertx vertx, WorkspaceContract workspaces, ProvisionerContract provisioner,
      AuthenticationHandler authentication, LiveConnections live, ActivityReports activity) {
    this.vertx = vertx;
    this.workspaces = workspaces;
    this.provisioner = provisioner;
    this.authentication = authentication;
    this.live = live;
    this.activity = activity;
  }

  /**
   * The upgrade is accepted first: a request that waits on asynchronous checks before upgrading
   * has already been read to its end, and can no longer become a WebSocket. The socket stays
   * paused until the caller is known and allowed, and closes with a 44xx code when not.
   */
  public void handle(RoutingContext ctx) {
    if (!isWebSocketHandshake(ctx)) {
      // a plain request can wait for its caller: it is refused as the API refuses (401, 403), else told to upgrade
      authentication.authenticate(ctx).onComplete(authenticated -> {
        if (authenticated.failed()) {
          ctx.fail(authenticated.cause());
        } else if (authenticated.result() == null) {
          ctx.fail(ErrorCode.UNAUTHENTICATED.exception("sign in first"));
        } else {
          authentication.permissionRefusal(ctx, authenticated.result().caller()).ifPresentOrElse(
              refusal -> ctx.fail(ErrorCode.FORBIDDEN.exception(refusal)), () -> upgradeRequired(ctx));
        }
      });
      return;
    }
    if (!BrowserOrigin.isSameOrigin(ctx.request())) {
      // a WebSocket carries the session cookie cross-site; only the dashboard's own pages may open one
      ctx.fail(ErrorCode.FORBIDDEN.exception("the terminal opens only from this server's pages"));
      return;
    }
    String workspaceId = ctx.pathParam("workspaceId");
    Future<Authenticated> caller = authentication.authenticate(ctx);
    ctx.request().toWebSocket().onSuccess(socket -> {
      socket.pause();
      caller.onComplete(authenticated -> {
        if (authenticated.failed() || authenticated.result() == null
            || authenticated.result().passwordChangeRequired()) {
          socket.close(CLOSE_UNAUTHENTICATED, "sign in first");
          return;
        }
        Authenticated opener = authenticated.result();
        UUID id;
        try {
          id = UUID.fromString(workspaceId);
        } catch (IllegalArgumentException notAnId) {
          socket.close(CLOSE_NOT_FOUND, "workspace not found");
          return;
        }
        // looked up as the gateway: connecting needs no right to read the workspace's settings
        workspaces.getWorkspace(GATEWAY, id)
            .onFailure(unknown -> socket.close(CLOSE_NOT_FOUND, "workspace not found"))
            .onSuccess(workspace -> {
              Caller visitor = opener.caller();
              if (!WorkspaceAccessPolicy.mayConnect(visitor, workspace.ownerId())) {
                if (WorkspaceAccessPolicy.maySee(visitor, workspace.ownerId())
                    || visitor.userId().equals(workspace.ownerId())) {
                  socket.close(CLOSE_FORBIDDEN, AccessPolicy.refusalOnWorkspace(visitor, workspace.ownerId(),
                      WorkspaceUse.CONNECT).orElseThrow());
                } else {
                  socket.close(CLOSE_NOT_FOUND, "workspace not found");
                }
              } else if (workspace.state() == WorkspaceState.RUNNING) {
                connect(socket, workspace, opener);
              } else {
                socket.close(CLOSE_NOT_RUNNING, "the workspace is " + workspace.state());
              }
            });
      });
    });
  }

  private void connect(ServerWebSocket socket, Workspace workspace, Authenticated opener) {
    Caller caller = opener.caller();
    String outputAddress = "gateway.terminal." + UUID.randomUUID(); // the socket stays paused until the shell is there
    MessageConsumer<Object> output = vertx.eventBus().consumer(outputAddress, message -> {
      if (message.body() instanceof Buffer bytes) {
        socket.writeBinaryMessage(bytes);
      } else if (message.body() instanceof JsonObject) { // a TerminalExit, the stream's last message
        socket.close((short) 1000, "the shell exited");
      }
    });
    output.completion()
        .compose(registered -> provisioner.openProcess(caller, workspace.dockerHostId(),
            workspace.id().toString(), ProcessRequest.loginShell(TerminalSize.DEFAULT), outputAddress))
        .onFailure(failure -> {
          output.unregister();
          socket.close(CLOSE_NOT_RUNNING, "the terminal could not start: " + failure.getMessage());
        })
        .onSuccess(session -> {
          String input = session.inputAddress();
          if (socket.isClosed()) {
            // the browser left while the shell was starting; a close handler set now would never run
            TypedBus.send(vertx, input, TerminalControl.close());
            output.unregister();
            return;
          }
          LOG.info("terminal of workspace {} opened by {}", workspace.id(), caller.username());
          activity.used(workspace.id());
          long inUse = vertx.setPeriodic(ActivityReports.WINDOW.toMillis(), id -> activity.used(workspace.id()));
          socket.binaryMessageHandler(bytes -> {
            activity.used(workspace.id());
            vertx.eventBus().send(input, bytes);
          });
          socket.textMessageHandler(text -> {
            activity.used(workspace.id());
            keystrokesOrResize(input, text);
          });
          Runnable release = live.follow(opener, "the terminal of workspace " + workspace.id(),
              current -> WorkspaceAccessPolicy.mayConnect(current, workspace.ownerId()),
              () -> socket.close(CLOSE_FORBIDDEN, "your access has ended"));
          socket.closeHandler(v -> {
            vertx.cancelTimer(inUse);
            release.run();
            TypedBus.send(vertx, input, TerminalControl.close());
            output.unregister();
          });
          socket.resume();
        });
  }

  /** Answered as a problem: Vert.x would refuse a half-made handshake with a bare text body. */
  private static void upgradeRequired(RoutingContext ctx) {
    ctx.response().putHeader("Upgrade", "websocket").putHeader("Sec-WebSocket-Version", WEBSOCKET_VERSION);
    ctx.fail(new HttpException(426, "the terminal is a WebSocket: send GET with Connection: Upgrade, "
        + "Upgrade: websocket, Sec-WebSocket-Version: " + WEBSOCKET_VERSION + " and a Sec-WebSocket-Key"));
  }

  /** The browser's text frames: a resize request ({@code {"type":"resize","cols":…,"rows":…}}), or keystrokes. */
  private void keystrokesOrResize(String input, String text) {
    if (text.startsWith("{")) {
      try {
        JsonObject json = new JsonObject(text);
        if (TerminalControl.RESIZE.equals(json.getString("type"))) {
          TypedBus.send(vertx, input, TerminalControl.resize(new TerminalSize(
              json.getInteger("cols", TerminalSize.DEFAULT.cols()), json.getInteger("rows", TerminalSize.DEFAULT.rows()))));
          return;
        }
      } catch (DecodeException | ClassCastException notAResize) {
        // typed text that starts with a brace
      }
    }
    vertx.eventBus().send(input, Buffer.buffer(text));
  }

  private static boolean isWebSocketHandshake(RoutingContext ctx) {
    return !HeadAsGet.isHead(ctx) && ctx.request().canUpgradeToWebSocket()
        && WEBSOCKET_VERSION.equals(ctx.request().getHeader("Sec-WebSocket-Version"))
        && ctx.request().getHeader("Sec-WebSocket-Key") != null;
  }
}
