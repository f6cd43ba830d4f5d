package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Whether the dashboard sign-in behind a longer-lived credential (a workspace session) still holds,
 * and who its user is now, asked of auth-service and cached for {@link #TTL_MS} per user and
 * sign-in (one question at a time per pair, however many requests wait for it). auth-service
 * announces a user's sign-outs, suspension and role changes, and each announcement drops that
 * user's answers, so they apply at once; the TTL bounds how long a missed one can matter. When
 * auth-service cannot answer, the check fails UNAVAILABLE rather than guess either way.
 */
public class SessionChecks {

  static final long TTL_MS = 10_000;
  private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(5_000);

  /** {@code current} null: the sign-in has ended. */
  private record Answer(Caller current, long validUntil) {
  }

  private final Vertx vertx;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, Future<Caller>> asking = new ConcurrentHashMap<>();
  private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();
  /** Bumped by every announcement: an answer asked for before it is not cached. */
  private final AtomicLong generation = new AtomicLong();
  private MessageConsumer<JsonObject> consumer;
  private long purgeTimer = -1;

  public SessionChecks(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(AuthContract.EVENTS_ACCESS_CHANGED, this::accessChanged);
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

  /**
   * The user as they are now while the sign-in holds; null once it has ended, the user may no
   * longer sign in, or the credential names no sign-in (made before sessions were named).
   */
  public Future<Caller> current(Authenticated credential) {
    if (credential.sessionId() == null) {
      return Future.succeededFuture();
    }
    String key = credential.caller().userId() + "/" + credential.sessionId();
    Answer cached = answers.get(key);
    if (cached != null && cached.validUntil() > System.currentTimeMillis()) {
      return Future.succeededFuture(cached.current());
    }
    return asking.computeIfAbsent(key, k -> ask(k, credential));
  }

  private Future<Caller> ask(String key, Authenticated credential) {
    Promise<Caller> answer = Promise.promise();
    askOnce(key, credential).onComplete(answered -> {
      asking.remove(key, answer.future()); // unless an announcement made way for a newer question
      answer.handle(answered);
    });
    return answer.future();
  }

  /** One question; asked again when an announcement came in meanwhile, as the reply may predate it. */
  private Future<Caller> askOnce(String key, Authenticated credential) {
    long askedIn = generation.get();
    JsonObject question = new JsonObject().put("userId", credential.caller().userId().toString())
        .put("sessionId", credential.sessionId().toString());
    return vertx.eventBus().<JsonObject>request(AuthContract.SESSION_VERIFY, question, ASK)
        .map(reply -> Caller.fromIdentity(reply.body()))
        .transform(answered -> {
          boolean ended = answered.failed() && ErrorCode.of(answered.cause()) == ErrorCode.UNAUTHENTICATED;
          if (answered.failed() && !ended) {
            return Future.failedFuture(ErrorCode.UNAVAILABLE.exception(
                "cannot check the sign-in behind this workspace session: " + answered.cause().getMessage()));
          }
          if (generation.get() != askedIn) {
            return askOnce(key, credential);
          }
          Caller current = ended ? null : answered.result();
          answers.put(key, new Answer(current, System.currentTimeMillis() + TTL_MS));
          return Future.succeededFuture(current);
        });
  }

  private void accessChanged(Message<JsonObject> event) {
    generation.incrementAndGet();
    String userId = event.body().getString("userId", "");
    answers.keySet().removeIf(key -> key.startsWith(userId + "/"));
    asking.keySet().removeIf(key -> key.startsWith(userId + "/")); // later checks ask afresh
    UUID user;
    try {
      user = UUID.fromString(userId);
    } catch (IllegalArgumentException malformed) {
      return;
    }
    listeners.forEach(listener -> listener.accept(user));
  }
}
