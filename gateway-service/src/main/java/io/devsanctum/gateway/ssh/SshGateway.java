package io.devsanctum.gateway.ssh;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.SshHostKey;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.gateway.activity.ActivityReports;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.Credentials;
import io.devsanctum.gateway.security.LiveConnections;
import io.devsanctum.gateway.security.WorkspaceAccessPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's SSH listener (Apache MINA SSHD): {@code ssh <workspace>@host} opens the caller's
 * own workspace, {@code <workspace>.<owner>@host} another user's they may manage (its owner and
 * admins, as for the web terminal). Public keys only, registered with auth-service; a refused key
 * and a workspace that is not the caller's get the same answer. Every channel runs in the
 * workspace's container through the provisioner's Docker exec, so the gateway needs no network
 * path to workspaces. The host key is auth-service's, the same for every gateway.
 */
public class SshGateway {

  private static final Logger LOG = LoggerFactory.getLogger(SshGateway.class);
  static final AttributeKey<Authenticated> OPENER = new AttributeKey<>();
  static final AttributeKey<Workspace> WORKSPACE = new AttributeKey<>();
  /** Ends the following of a signed-in connection (see {@link #followConnection}). */
  private static final AttributeKey<Runnable> FOLLOWED = new AttributeKey<>();
  private static final Duration SIGN_IN_WAIT = Duration.ofSeconds(10);
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
  private final SshMetrics metrics;
  private static final long HOST_KEY_RETRY_MS = 2_000;
  private volatile SshServer server;
  private volatile boolean stopped;
  private volatile long retry = -1;

  public SshGateway(Vertx vertx, AuthContract auth, WorkspaceContract workspaces, ProvisionerContract provisioner,
      Credentials credentials, LiveConnections live, ActivityReports activity, MeterRegistry registry) {
    this.vertx = vertx;
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
   * listener waits for it, asking every {@link #HOST_KEY_RETRY_MS} ms, and the gateway starts
   * meanwhile; a port that cannot be bound fails the start, as the HTTP listener's does.
   */
  public Future<Void> start(String host, int port) {
    Promise<Void> started = Promise.promise();
    listenOnceKeyed(host, port, started);
    return started.future();
  }

  private void listenOnceKeyed(String host, int port, Promise<Void> started) {
    auth.sshHostKey(Caller.service("gateway")).onComplete(keyed -> {
      if (stopped) {
        started.tryComplete();
      } else if (keyed.failed()) {
        if (started.tryComplete()) {
          LOG.info("the SSH listener waits for auth-service's host key: {}", keyed.cause().getMessage());
        }
        retry = vertx.setTimer(HOST_KEY_RETRY_MS, timer -> listenOnceKeyed(host, port, started));
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
    SshServer ssh = SshServer.setUpDefaultServer();
    ssh.setHost(host);
    ssh.setPort(port);
    ssh.setKeyPairProvider(KeyPairProvider.wrap(keyPair(hostKey)));
    ssh.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    ssh.setPublickeyAuthenticator(this::signIn);
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
    LOG.info("SSH listening on {}:{}", host, port());
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
    session.setAttribute(FOLLOWED, live.follow(opener, "the SSH connection to workspace " + workspace.id(),
        current -> WorkspaceAccessPolicy.mayConnect(current, workspace.ownerId()), () -> session.close(false)));
  }

  /**
   * MINA asks on its own threads, and waits for the answer: the key's user as they are now, and the
   * workspace the login names, which they must be allowed to manage. Every refusal looks the same.
   */
  private boolean signIn(String login, PublicKey key, ServerSession session) {
    Optional<SshTarget> target = SshTarget.parse(login);
    try {
      String publicKey = PublicKeyEntry.toString(key);
      Future<Authenticated> opener = credentials.sshKey(publicKey);
      Future<Workspace> workspace = opener.compose(who -> target.isEmpty()
          ? Future.failedFuture(new IllegalArgumentException("the login names no workspace"))
          : find(who, target.get()));
      Workspace found = workspace.toCompletionStage().toCompletableFuture()
          .get(SIGN_IN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      session.setAttribute(WORKSPACE, found);
      if (session.setAttribute(OPENER, opener.result()) == null) { // asked again once the client signed
        LOG.info("SSH sign-in of user {} to workspace {}.{} from {}", opener.result().caller().username(), found.name(),
            found.ownerName(), session.getClientAddress());
      }
      return true;
    } catch (ExecutionException | TimeoutException | RuntimeException refused) {
      metrics.authFailed();
      Throwable cause = refused instanceof ExecutionException ? refused.getCause() : refused;
      LOG.info("SSH sign-in refused for login {} from {}: {}", target.isPresent() ? login : "(no workspace)",
          session.getClientAddress(), cause == null ? "timed out" : cause.getMessage());
      return false;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Future<Workspace> find(Authenticated who, SshTarget target) {
    Caller caller = who.caller();
    // one's own workspaces are listed by owner; another owner's are known here by name only
    UUID owner = target.owner() == null ? caller.userId() : null;
    return find(caller, target, owner, PageRequest.first());
  }

  /** Page after page of what the caller may see, until the target is found or the list ends. */
  private Future<Workspace> find(Caller caller, SshTarget target, UUID owner, PageRequest page) {
    return workspaces.listWorkspaces(caller, owner, null, null, null, page).compose(listed -> {
      Optional<Workspace> found = listed.items().stream()
          .filter(workspace -> workspace.name().equals(target.workspace()))
          .filter(workspace -> target.owner() == null
              ? workspace.ownerId().equals(caller.userId()) : workspace.ownerName().equals(target.owner()))
          .filter(workspace -> WorkspaceAccessPolicy.mayConnect(caller, workspace.ownerId()))
          .findFirst();
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      if (listed.nextCursor() != null) {
        return find(caller, target, owner, new PageRequest(page.limit(), listed.nextCursor()));
      }
      return Future.failedFuture(new IllegalArgumentException("no workspace " + target.workspace()
          + (target.owner() == null ? "" : "." + target.owner()) + " for user " + caller.username()));
    });
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

  WorkspaceContract workspaces() {
    return workspaces;
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
