package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.auth.AccessChanged;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Whether a credential still holds, and who its user is now: asked of auth-service (a sign-in's
 * {@code verifySession}, an API token's {@code authenticateApiToken}, an SSH key's
 * {@code authenticateSshKey}) and cached for
 * {@link #TTL_MS} per credential, one question at a time however many requests wait for it. So a
 * request costs auth-service nothing in the common case, yet every credential ends with its
 * sign-in: auth-service announces each sign-out, revocation, password change, suspension, deletion
 * and role change, and an announcement drops that user's answers on every gateway at once (the TTL
 * bounds how long a missed one can matter). When auth-service cannot answer, the check fails
 * UNAVAILABLE rather than guess either way.
 */
public class CredentialChecks {

  static final long TTL_MS = 10_000;
  private static final Duration ASK = Duration.ofSeconds(5);

  /** {@code current} null: the credential no longer holds. */
  private record Answer(Authenticated current, long validUntil) {
  }

  private final Vertx vertx;
  private final AuthContract auth;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, Future<Authenticated>> asking = new ConcurrentHashMap<>();
  private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();
  /** Bumped by every announcement: an answer asked for before it is not cached. */
  private final AtomicLong generation = new AtomicLong();
  private MessageConsumer<JsonObject> consumer;
  private long purgeTimer = -1;

  public CredentialChecks(Vertx vertx) {
    this.vertx = vertx;
    this.auth = TypedBus.client(vertx, AuthContract.class, ASK);
  }

  public Future<Void> start() {
    consumer = TypedBus.subscribe(vertx, AuthContract.EVENTS_ACCESS_CHANGED, AccessChanged.class, this::accessChanged);
    purgeTimer = vertx.setPeriodic(TTL_MS, id -> {
      long now = System.currentTimeMillis();
      answers.values().removeIf(answer -> answer.validUntil() < now);
    });
    return consumer.completion();
  }

  public void stop() {
    if (purgeTimer >= 0) {
      vertx.cancelTimer(purgeTimer);
    }
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** {@code listener} hears the user of every announcement, after that user's answers were dropped. */
  public void onAccessChanged(Consumer<UUID> listener) {
    listeners.add(listener);
  }

  /** The credential's user as they are now while it holds; null once it does not (ended, revoked, suspended). */
  public Future<Authenticated> current(Credential credential) {
    String key = key(credential);
    Answer cached = answers.get(key);
    if (cached != null && cached.validUntil() > System.currentTimeMillis()) {
      return Future.succeededFuture(cached.current());
    }
    return asking.computeIfAbsent(key, k -> ask(k, credential));
  }

  private Future<Authenticated> ask(String key, Credential credential) {
    Promise<Authenticated> answer = Promise.promise();
    askOnce(key, credential).onComplete(answered -> {
      asking.remove(key, answer.future()); // unless an announcement made way for a newer question
      answer.handle(answered);
    });
    return answer.future();
  }

  /** One question; asked again when an announcement came in meanwhile, as the reply may predate it. */
  private Future<Authenticated> askOnce(String key, Credential credential) {
    long askedIn = generation.get();
    return question(credential)
        .transform(answered -> {
          boolean ended = answered.failed() && ErrorCode.of(answered.cause()) == ErrorCode.UNAUTHENTICATED;
          if (answered.failed() && !ended) {
            return Future.failedFuture(ErrorCode.UNAVAILABLE.exception(
                "cannot check your sign-in right now: " + answered.cause().getMessage()));
          }
          if (generation.get() != askedIn) {
            return askOnce(key, credential);
          }
          Authenticated current = ended ? null : authenticated(answered.result(), credential);
          answers.put(key, new Answer(current, System.currentTimeMillis() + TTL_MS));
          return Future.succeededFuture(current);
        });
  }

  private Future<Identity> question(Credential credential) {
    if (credential instanceof Credential.SignIn signIn) {
      return auth.verifySession(signIn.userId(), signIn.sessionId());
    }
    if (credential instanceof Credential.SshKey key) {
      return auth.authenticateSshKey(key.publicKey());
    }
    return auth.authenticateApiToken(((Credential.ApiToken) credential).value());
  }

  private static Authenticated authenticated(Identity identity, Credential credential) {
    return new Authenticated(new Caller(identity.userId(), identity.role().wireName(), identity.username(),
        identity.scopes()), credential,
        identity.passwordChangeRequired());
  }

  private void accessChanged(AccessChanged event) {
    UUID user = event.userId();
    forget(user);
    listeners.forEach(listener -> listener.accept(user));
  }

  /** Drops the user's answers here: their next use asks auth-service again. */
  public void forget(UUID user) {
    generation.incrementAndGet();
    // an API token's or SSH key's cache key does not name its user: its answer does (an ended one concerns nobody)
    answers.entrySet().removeIf(entry -> entry.getKey().startsWith(user + "/")
        || entry.getValue().current() != null && user.equals(entry.getValue().current().caller().userId()));
    asking.keySet().removeIf(key -> key.startsWith(user + "/")); // later checks ask afresh
  }

  private static String key(Credential credential) {
    if (credential instanceof Credential.SignIn signIn) {
      return signIn.userId() + "/" + signIn.sessionId();
    }
    if (credential instanceof Credential.SshKey key) {
      return "ssh/" + sha256(key.publicKey());
    }
    return "token/" + sha256(((Credential.ApiToken) credential).value());
  }

  private static String sha256(String value) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
