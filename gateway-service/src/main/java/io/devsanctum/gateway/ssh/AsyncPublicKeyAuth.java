package io.devsanctum.gateway.ssh;

import io.vertx.core.Future;
import java.security.PublicKey;
import java.security.SignatureException;
import java.util.List;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerUserAuthService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public-key authentication whose decision is asked over the event bus without holding one of
 * MINA's threads while it is awaited.
 *
 * <p>MINA's {@code AsyncAuthException} cannot serve here: MINA 2.20 refuses it for any method but
 * {@code password} and {@code keyboard-interactive} (an authenticator answering later would skip
 * the signature check that follows it). So a request whose login and key have no decision yet is
 * left in progress (MINA's thread moves on), the decision is asked for, and once it is in, the
 * same request is handed to MINA's user-auth service again: this time the decision is at hand,
 * and MINA's own method answers it as ever, synchronously: a refusal, PK_OK to an unsigned query,
 * or the signature's verification. The decision is kept for the signed request that follows the
 * query (OpenSSH queries each key first), so a sign-in costs one decision. A request on top of one
 * still being decided is refused (OpenSSH waits for each answer).
 */
final class AsyncPublicKeyAuth<G> extends UserAuthPublicKey {

  private static final Logger LOG = LoggerFactory.getLogger(AsyncPublicKeyAuth.class);

  /** Decides on a login and key, over the bus; a failed future is a refusal. */
  interface Decider<G> {
    Future<G> decide(ServerSession session, String login, PublicKey key);

    /** A request signed by its key, the signature verified: the sign-in is done, as {@code grant} says. */
    void signedIn(ServerSession session, String login, PublicKey key, G grant);

    /** A signed request whose signature does not verify. */
    void badSignature(ServerSession session, String login);
  }

  /** The decision on the last login and key asked about; {@code grant} null: refused. */
  private record Decided(String login, PublicKey key, Object grant) {

    boolean isFor(String otherLogin, PublicKey otherKey) {
      return login.equals(otherLogin) && key.equals(otherKey);
    }
  }

  private static final AttributeKey<Decided> DECIDED = new AttributeKey<>();
  private static final AttributeKey<Boolean> DECIDING = new AttributeKey<>();
  /** The server's authenticator: the decision taken, given to MINA's method. */
  private static final PublickeyAuthenticator DECISION = (login, key, session) -> {
    Decided decided = session.getAttribute(DECIDED);
    return decided != null && decided.isFor(login, key) && decided.grant() != null;
  };

  private final Decider<G> decider;

  private AsyncPublicKeyAuth(List<NamedFactory<Signature>> signatures, Decider<G> decider) {
    super(signatures);
    this.decider = decider;
  }

  /**
   * Makes {@code server} authenticate public keys with {@code decider} taking each decision. Every
   * request undecided at first counts twice against MINA's limit of requests, which is doubled.
   */
  static <G> void install(SshServer server, Decider<G> decider) {
    server.setUserAuthFactories(List.of(new UserAuthPublicKeyFactory() {
      @Override
      public UserAuthPublicKey createUserAuth(ServerSession session) {
        return new AsyncPublicKeyAuth<>(getSignatureFactories(), decider);
      }
    }));
    server.setPublickeyAuthenticator(DECISION);
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, 2 * CoreModuleProperties.MAX_AUTH_REQUESTS.getRequiredDefault());
  }

  @Override
  public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
    ServerSession session = getServerSession();
    String login = getUsername();
    if (session.getAttribute(DECIDING) != null) {
      return Boolean.FALSE;
    }
    int start = buffer.rpos();
    boolean signed = buffer.getBoolean();
    buffer.getString(); // the algorithm
    PublicKey key = buffer.getPublicKey();
    buffer.rpos(start);
    Decided decided = session.getAttribute(DECIDED);
    if (decided == null || !decided.isFor(login, key)) {
      Future<G> decision = decider.decide(session, login, key);
      if (!decision.isComplete()) {
        againWhenDecided(session, login, key, buffer, decision);
        return null; // in progress: answered once decided
      }
      decided = keep(session, login, key, decision);
    }
    if (decided.grant() == null) {
      return Boolean.FALSE;
    }
    Boolean result;
    try {
      result = super.doAuth(buffer, init);
    } catch (SignatureException forged) {
      result = Boolean.FALSE;
    }
    if (!signed) {
      return result; // PK_OK sent: the client signs next, in a request of its own
    }
    session.removeAttribute(DECIDED);
    if (Boolean.TRUE.equals(result)) {
      @SuppressWarnings("unchecked")
      G grant = (G) decided.grant();
      decider.signedIn(session, login, key, grant);
    } else {
      decider.badSignature(session, login);
    }
    return result;
  }

  private static Decided keep(ServerSession session, String login, PublicKey key, Future<?> decision) {
    Decided decided = new Decided(login, key, decision.succeeded() ? decision.result() : null);
    session.setAttribute(DECIDED, decided);
    return decided;
  }

  /** Once decided, has MINA's user-auth service take the same request again. */
  private void againWhenDecided(ServerSession session, String login, PublicKey key, Buffer rest, Future<G> decision) {
    // the request as MINA's service reads it after its message number (MINA reuses its packet buffer)
    Buffer request = new ByteArrayBuffer();
    request.putString(login);
    request.putString(getService());
    request.putString(getName());
    request.putRawBytes(rest.getCompactData());
    session.setAttribute(DECIDING, Boolean.TRUE);
    decision.onComplete(decided -> {
      keep(session, login, key, decision);
      session.removeAttribute(DECIDING);
      if (!session.isOpen()) {
        return;
      }
      try {
        session.getService(ServerUserAuthService.class).process(SshConstants.SSH_MSG_USERAUTH_REQUEST, request);
      } catch (Exception failed) {
        LOG.debug("SSH authentication of {} ended: {}", login, failed.getMessage());
        session.close(true);
      }
    });
  }
}
