package io.devsanctum.gateway.ssh;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.RequestOrigin;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditActor;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditResult;
import io.devsanctum.common.contract.audit.AuditTarget;
import io.devsanctum.common.contract.audit.AuditTargetType;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.SshHostKey;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.gateway.activity.ActivityReports;
import io.devsanctum.gateway.audit.GatewayAuditLog;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.Credentials;
import io.devsanctum.gateway.security.LiveConnections;
import io.devsanctum.gateway.security.WorkspaceAccessPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's SSH listener (Apache MINA SSHD): {@code ssh <workspace>@host} opens the caller's
 * own workspace, {@code <workspace>.<owner>@host} another user's they may open: the proxy's
 * decision (its owner, admins, and the users its sharing admits; {@link WorkspaceAccessPolicy}),
 * kept for as long as the connection lives. Public keys only, registered with auth-service; an
 * unknown key, an unknown workspace and one not open to the caller get the same answer. Every channel runs in the
 * workspace's container through the provisioner's Docker exec, so the gateway needs no network
 * path to workspaces. The host key is auth-service's, the same for every gateway.
 */
public class SshGateway {

  /** Who a signed request's key stands for, and the workspace they may open. */
  private record Grant(Authenticated opener, Workspace workspace) {
  }

  /** A signed-in connection's start, and the origin of its audit records (the id ties its open to its end). */
  private record Opened(long nanos, RequestOrigin origin) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(SshGateway.class);
  static final AttributeKey<Authenticated> OPENER = new AttributeKey<>();
  static final AttributeKey<Workspace> WORKSPACE = new AttributeKey<>();
  /** The exit status of the connection's latest process to end (its channels set it). */
  static final AttributeKey<Integer> LAST_EXIT = new AttributeKey<>();
  /** When a signed-in connection opened, and the id its audit records share. */
  private static final AttributeKey<Opened> OPENED = new AttributeKey<>();
  /** Ends the following of a signed-in connection (see {@link #followConnection}). */
  private static final AttributeKey<Runnable> FOLLOWED = new AttributeKey<>();
  /** The gateway asks for workspaces as itself and takes the access decision here, as its proxy does. */
  static final Caller GATEWAY = Caller.service("gateway");
  /**
   * A channel's input chunks sent to its process and not yet answered as written; the channel reads
   * no more until one is, so its window closes when the process reads slowly.
   */
  public static final int INPUT_CHUNKS_IN_FLIGHT = 8;
  /** Runs the image's sftp-server where it has one (Debian's, Red Hat's, Alpine's and Arch's paths). */
  static final String SFTP_SERVER = "for server in /usr/lib/openssh/sftp-server /usr/libexec/openssh/sftp-server "
      + "/usr/lib/ssh/sftp-server /usr/libexec/sftp-server /usr/lib/sftp-server; do "
      + "[ -x \"$server\" ] && exec \"$server\"; done; "
      + "echo 'this workspace has no sftp-server: install OpenSSH'\"'\"'s sftp server in its image' >&2; exit 127";

  private final Vertx vertx;
  private final AuthContract auth;
  private final WorkspaceContract workspaces;
  private final ProvisionerContract provisioner;
  private final Credentials credentials;
  private final LiveConnections live;
  private final ActivityReports activity;
  private final GatewayAuditLog audit;
  private final SshMetrics metrics;
  private static final long HOST_KEY_RETRY_MS = 2_000;
  private final FollowedWorkspaces followed = new FollowedWorkspaces();
  private volatile SshServer server;
  private final Promise<Void> listening = Promise.promise();
  private MessageConsumer<JsonObject> announcements;
  private MessageConsumer<Void> authStarted;
  /** Touched on the gateway's context only. */
  private boolean authAnnouncedWhileAsking;
  private volatile boolean stopped;
  private volatile long retry = -1;

  public SshGateway(Vertx vertx, AuthContract auth, WorkspaceContract workspaces, ProvisionerContract provisioner,
      Credentials credentials, LiveConnections live, ActivityReports activity, GatewayAuditLog audit,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.audit = audit;
    this.activity = activity;
    this.auth = auth;
    this.workspaces = workspaces;
    this.provisioner = provisioner;
    this.credentials = credentials;
    this.live = live;
    this.metrics = new SshMetrics(registry);
  }

  /**
   * Listens on {@code host}:{@code port} (0: a free port) with the shared host key. The key is
   * auth-service's: while auth-service does not answer (cluster members start in any order), the
   * listener waits for it, asking every {@link #HOST_KEY_RETRY_MS} ms and at once when auth-service
   * announces it has started, and the gateway starts meanwhile ({@link #listening} tells when it
   * listens); a port that cannot be bound fails the start, as the HTTP listener's does.
   */
  public Future<Void> start(String host, int port) {
    announcements = TypedBus.subscribe(vertx, WorkspaceContract.EVENTS_WORKSPACE_CHANGED, Workspace.class,
        this::announced);
    Promise<Void> started = Promise.promise();
    authStarted = vertx.eventBus().consumer(Addresses.started(Addresses.AUTH), announced -> {
      if (retry >= 0 && vertx.cancelTimer(retry)) {
        retry = -1;
        listenOnceKeyed(host, port, started);
      } else {
        authAnnouncedWhileAsking = true; // the answer under way may be from before it served
      }
    });
    authStarted.completion().onComplete(subscribed -> listenOnceKeyed(host, port, started));
    return started.future();
  }

  /** Whether the listener accepts connections (false while it waits for its host key). */
  public boolean listening() {
    return server != null;
  }

  /** Completes once the listener accepts connections. */
  public Future<Void> whenListening() {
    return listening.future();
  }

  private void listenOnceKeyed(String host, int port, Promise<Void> started) {
    authAnnouncedWhileAsking = false;
    auth.sshHostKey(Caller.service("gateway")).onComplete(keyed -> {
      if (stopped) {
        started.tryComplete();
      } else if (keyed.failed()) {
        if (started.tryComplete()) {
          LOG.info("the SSH listener waits for auth-service's host key: {}", keyed.cause().getMessage());
        }
        retry = vertx.setTimer(authAnnouncedWhileAsking ? 1 : HOST_KEY_RETRY_MS, timer -> {
          retry = -1;
          listenOnceKeyed(host, port, started);
        });
      } else {
        vertx.executeBlocking(() -> listen(host, port, keyed.result())).onComplete(listening -> {
          if (listening.failed() && !started.tryFail(listening.cause())) {
            LOG.error("the SSH listener cannot start: {}", listening.cause().getMessage());
          }
          started.tryComplete();
        });
      }
    });
  }

  private Void listen(String host, int port, SshHostKey hostKey) throws Exception {
    long started = System.nanoTime();
    SshServer ssh = SshServer.setUpDefaultServer();
    ssh.setHost(host);
    ssh.setPort(port);
    ssh.setKeyPairProvider(KeyPairProvider.wrap(keyPair(hostKey)));
    AsyncPublicKeyAuth.install(ssh, new AsyncPublicKeyAuth.Decider<Grant>() {
      @Override
      public Future<Grant> decide(ServerSession session, String login, PublicKey key) {
        return SshGateway.this.decide(session, login, key);
      }

      @Override
      public void signedIn(ServerSession session, String login, PublicKey key, Grant grant) {
        SshGateway.this.signedIn(session, key, grant);
      }

      @Override
      public void badSignature(ServerSession session, String login) {
        metrics.authFailed();
        LOG.info("SSH sign-in refused for login {} from {}: the signature does not verify", login,
            session.getClientAddress());
      }
    });
    ssh.setPasswordAuthenticator(null);
    ssh.setKeyboardInteractiveAuthenticator(null);
    ssh.setGSSAuthenticator(null);
    ssh.setHostBasedAuthenticator(null);
    // agent and X11 forwarding are refused (the client is told so), as are remote forwards (-R);
    // local forwards (-L) are this gateway's own channel, carried over a Docker exec
    ssh.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
    ssh.addSessionListener(new SessionListener() {
      @Override
      public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
          followConnection(session);
        }
      }

      @Override
      public void sessionClosed(Session session) {
        Runnable release = session.removeAttribute(FOLLOWED);
        if (release != null) {
          release.run();
        }
        recordEnd(session);
      }
    });
    ssh.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE, WorkspacePortChannel.factory(this)));
    ssh.setShellFactory(channel -> new WorkspaceProcess(this, "shell", null, false));
    ssh.setCommandFactory((channel, command) -> new WorkspaceProcess(this, "command", command, false));
    ssh.setSubsystemFactories(List.of(new SubsystemFactory() {
      @Override
      public String getName() {
        return "sftp";
      }

      @Override
      public org.apache.sshd.server.command.Command createSubsystem(org.apache.sshd.server.channel.ChannelSession channel) {
        return new WorkspaceProcess(SshGateway.this, "sftp", SFTP_SERVER, true);
      }
    }));
    // a quiet shell is fine: sessions end with their process, their client or their access
    CoreModuleProperties.IDLE_TIMEOUT.set(ssh, Duration.ZERO);
    CoreModuleProperties.SERVER_IDENTIFICATION.set(ssh, "DevSanctum");
    ssh.start();
    server = ssh;
    listening.tryComplete();
    LOG.info("SSH listening on {}:{} (set up in {} ms)", host, port(), (System.nanoTime() - started) / 1_000_000);
    return null;
  }

  /** The port it listens on (useful when configured as 0); -1 while it waits for its host key. */
  public int port() {
    SshServer server = this.server;
    if (server == null) {
      return -1;
    }
    return server.getBoundAddresses().stream().filter(InetSocketAddress.class::isInstance)
        .map(address -> ((InetSocketAddress) address).getPort()).findFirst().orElse(server.getPort());
  }

  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(retry);
    if (announcements != null) {
      announcements.unregister();
    }
    if (authStarted != null) {
      authStarted.unregister();
    }
    if (server == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      server.stop(true);
      return null;
    });
  }

  /**
   * A signed-in connection is followed as a whole, not only its channels: a connection with no
   * channel open (an OpenSSH ControlMaster, an idle {@code -L}) is closed too when the key is
   * deleted, or its user suspended or no longer allowed into the workspace.
   */
  private void followConnection(Session session) {
    Authenticated opener = session.getAttribute(OPENER);
    Workspace workspace = session.getAttribute(WORKSPACE);
    if (opener == null || workspace == null) {
      session.close(false);
      return;
    }
    recordOpen(session, opener, workspace);
    Runnable unfollow = followed.follow(workspace);
    Runnable release = live.follow(opener, "the SSH connection to workspace " + workspace.id(),
        current -> mayStillOpen(current, workspace.id()), () -> session.close(false));
    session.setAttribute(FOLLOWED, () -> {
      release.run();
      unfollow.run();
    });
  }

  /**
   * The audit log's record of a signed-in connection: who, into which workspace, from where (the
   * socket's peer; SSH carries no forwarded address) with which client software.
   */
  private void recordOpen(Session session, Authenticated opener, Workspace workspace) {
    String address = session.getRemoteAddress() instanceof InetSocketAddress peer && peer.getAddress() != null
        ? peer.getAddress().getHostAddress() : String.valueOf(session.getRemoteAddress());
    Opened opened = new Opened(System.nanoTime(), new RequestOrigin(address, session.getClientVersion(),
        "ssh-" + UUID.randomUUID()));
    session.setAttribute(OPENED, opened);
    audit.record(sessionRecord(opened, AuditActor.of(opener.caller()), AuditAction.WORKSPACE_SSH_SESSION, workspace,
        AuditChange.NONE));
  }

  /** Its end: how long it was open, and the exit status of its last process (none when the client left first). */
  private void recordEnd(Session session) {
    Opened opened = session.removeAttribute(OPENED);
    Authenticated opener = session.getAttribute(OPENER);
    Workspace workspace = session.getAttribute(WORKSPACE);
    if (opened == null || opener == null || workspace == null) {
      return; // never signed in: nothing was opened
    }
    Integer exit = session.getAttribute(LAST_EXIT);
    Map<String, String> after = new HashMap<>();
    after.put("durationMs", Long.toString((System.nanoTime() - opened.nanos()) / 1_000_000));
    after.put("exitStatus", exit == null ? "none" : exit.toString());
    audit.record(sessionRecord(opened, AuditActor.of(opener.caller()), AuditAction.WORKSPACE_SSH_SESSION_END,
        workspace, AuditChange.created(after)));
  }

  private static AuditRecord sessionRecord(Opened opened, AuditActor actor, AuditAction action, Workspace workspace,
      AuditChange change) {
    RequestOrigin origin = opened.origin();
    return new AuditRecord(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), actor, action,
        new AuditTarget(AuditTargetType.WORKSPACE, workspace.id(), workspace.name()), change, origin.clientAddress(),
        origin.userAgent(), origin.requestId(), AuditResult.SUCCESS);
  }

  /**
   * Whether the key's user, as they are now, may open the workspace the login names: the same
   * decision as for its apps ({@link WorkspaceAccessPolicy#mayOpen}). Asked for an unsigned query
   * and again for the signed request, without holding MINA's thread ({@link AsyncPublicKeyAuth});
   * every refusal looks the same to the client.
   */
  private Future<Grant> decide(ServerSession session, String login, PublicKey key) {
    Optional<SshTarget> target = SshTarget.parse(login);
    return credentials.sshKey(PublicKeyEntry.toString(key))
        .compose(who -> target.isEmpty()
            ? Future.failedFuture(new IllegalArgumentException("the login names no workspace"))
            : openable(who, target.get()).map(workspace -> new Grant(who, workspace)))
        .onFailure(refused -> {
          metrics.authFailed();
          LOG.info("SSH sign-in refused for login {} from {}: {}", target.isPresent() ? login : "(no workspace)",
              session.getClientAddress(), refused.getMessage());
        });
  }

  /** The workspace the target names, if the caller may open it; every reason for refusal is one failure. */
  private Future<Workspace> openable(Authenticated who, SshTarget target) {
    Caller caller = who.caller();
    String owner = target.owner() == null ? caller.username() : target.owner();
    return workspaces.workspaceNamed(GATEWAY, owner, target.workspace()).compose(workspace -> mayOpen(caller, workspace)
        ? Future.succeededFuture(workspace)
        : Future.failedFuture(new IllegalArgumentException("workspace " + target.workspace() + "." + owner
            + " is not open to user " + caller.username())));
  }

  /** A signed request verified: the connection is the granted user's, into the granted workspace. */
  private void signedIn(ServerSession session, PublicKey key, Grant grant) {
    if (session.isAuthenticated()) {
      return;
    }
    session.setAttribute(OPENER, grant.opener());
    session.setAttribute(WORKSPACE, grant.workspace());
    // only a proven sign-in is use of the key; the query before it and the checks after it are not
    auth.recordSshKeyUse(PublicKeyEntry.toString(key))
        .onFailure(failed -> LOG.warn("the SSH key's use could not be recorded: {}", failed.getMessage()));
    LOG.info("SSH sign-in of user {} to workspace {}.{} from {}", grant.opener().caller().username(),
        grant.workspace().name(), grant.workspace().ownerName(), session.getClientAddress());
  }

  /** Whether the caller may open the workspace: who may open its apps (owner, admins, its sharing). */
  static boolean mayOpen(Caller caller, Workspace workspace) {
    return WorkspaceAccessPolicy.mayOpen(caller, workspace.ownerId(), SharingLevel.fromWire(workspace.sharing()));
  }

  /** Whether the caller, as they are now, may keep a connection into the workspace open, as it was last announced. */
  boolean mayStillOpen(Caller current, UUID workspaceId) {
    Workspace latest = followed.latest(workspaceId);
    return latest != null && mayOpen(current, latest);
  }

  /**
   * The workspace as it is now, for a channel about to open in it: failed (with words for the
   * client) once the caller may no longer open it.
   */
  Future<Workspace> current(Caller caller, UUID workspaceId) {
    return workspaces.getWorkspace(GATEWAY, workspaceId).compose(workspace -> {
      if (followed.changed(workspace)) {
        live.checkAll();
      }
      return mayOpen(caller, workspace) ? Future.succeededFuture(workspace)
          : Future.failedFuture(new IllegalStateException("your access to this workspace has ended"));
    });
  }

  /** An announced change of a workspace: connections into it are checked again once its owner or sharing changed. */
  private void announced(Workspace workspace) {
    if (followed.changed(workspace)) {
      live.checkAll();
    }
  }

  private static KeyPair keyPair(SshHostKey hostKey) throws GeneralSecurityException {
    KeyFactory ec = KeyFactory.getInstance("EC");
    Base64.Decoder base64 = Base64.getDecoder();
    return new KeyPair(ec.generatePublic(new X509EncodedKeySpec(base64.decode(hostKey.publicKey()))),
        ec.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(hostKey.privateKey()))));
  }

  Vertx vertx() {
    return vertx;
  }

  ProvisionerContract provisioner() {
    return provisioner;
  }

  LiveConnections live() {
    return live;
  }

  ActivityReports activity() {
    return activity;
  }

  SshMetrics metrics() {
    return metrics;
  }
}
