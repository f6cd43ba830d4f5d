package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the dashboard sign-in behind a longer-lived credential (a workspace session) still holds,
 * and who its user is now, asked of auth-service and cached for {@link #TTL_MS} per user and
 * sign-in. auth-service announces sign-outs, suspensions and role changes, and every announcement
 * drops the cached answers it concerns, so they apply at once; the TTL bounds how long a missed
 * announcement can matter. When auth-service cannot answer, the credential counts as ended.
 */
public class SessionChecks {

  static final long TTL_MS = 10_000;
  private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(5_000);

  /** {@code current} null: the sign-in has ended. */
  private record Answer(Caller current, long validUntil) {
  }

  private final Vertx vertx;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
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

  /** The user as they are now while the sign-in holds; null once it has ended or the user may no longer sign in. */
  public Future<Caller> current(Authenticated credential) {
    Caller caller = credential.caller();
    String key = caller.userId() + "/" + credential.sessionId();
    Answer cached = answers.get(key);
    if (cached != null && cached.validUntil() > System.currentTimeMillis()) {
      return Future.succeededFuture(cached.current());
    }
    long askedIn = generation.get();
    JsonObject question = new JsonObject().put("userId", caller.userId().toString());
    if (credential.sessionId() != null) {
      question.put("sessionId", credential.sessionId().toString());
    }
    return vertx.eventBus().<JsonObject>request(AuthContract.SESSION_VERIFY, question, ASK)
        .map(Message::body)
        .map(user -> new Caller(UUID.fromString(user.getString("userId")), user.getString("role"), user.getString("username")))
        .transform(answered -> {
          boolean decisive = answered.succeeded() || isEnded(answered.cause());
          Caller current = answered.succeeded() ? answered.result() : null;
          if (decisive && generation.get() == askedIn) {
            answers.put(key, new Answer(current, System.currentTimeMillis() + TTL_MS));
          }
          return Future.succeededFuture(current);
        });
  }

  private void accessChanged(Message<JsonObject> event) {
    generation.incrementAndGet();
    String userId = event.body().getString("userId");
    if (userId == null) {
      answers.clear();
    } else {
      answers.keySet().removeIf(key -> key.startsWith(userId + "/"));
    }
  }

  private static boolean isEnded(Throwable failure) {
    return failure instanceof ReplyException reply && ErrorCode.of(reply) == ErrorCode.UNAUTHENTICATED;
  }
}
