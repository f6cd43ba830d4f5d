package io.devsanctum.common.bus;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.db.DatabaseOutage;
import io.devsanctum.common.logging.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mechanism by which services talk over the event bus: a service's contract is a Java
 * interface in {@code common} (its {@code String ADDRESS} beside its methods) whose methods take
 * typed values and return {@code Future}s of typed values (records, lists, enums). A client is a
 * proxy of that interface; {@link #serve} registers an implementation. Each method is the address
 * {@code <ADDRESS>.<method name>}; its arguments travel as a JSON object keyed by parameter name and
 * its result as {@code {"value": …}} ({@link BusAnswer}: written once from the typed value and read
 * once into the declared type), both through Jackson data binding, so no call site builds or reads
 * a {@code JsonObject} by hand.
 *
 * <p>What every call carries without its call site saying so: the request id of the work it is part
 * of and where that request came from ({@link RequestOrigin}; a bus interceptor, so events and raw
 * messages carry it too), and the {@link Caller}, when the
 * method declares a {@code Caller} parameter (sent as delivery headers, checked by the service).
 * Failures travel whole as {@link BusFailure}s: an implementation's domain exceptions are turned
 * into them at the endpoint ({@link DomainFailures}, and the service's own {@link FailureTranslator}), a dependency that does not answer or
 * an unreachable database becomes UNAVAILABLE with a retry time, and anything unexpected is logged
 * once and answered INTERNAL without its details. Methods marked {@link Idempotent} are sent in
 * short attempts, so a member that died mid-call costs one attempt and the next goes elsewhere.
 * Every argument, and every component of a record argument, is required (VALIDATION naming it when
 * absent) unless marked {@link Nullable};
 * a method marked {@link WaitAtMost} is given up on sooner than the client's timeout.
 */
public final class TypedBus {

  private static final Logger LOG = LoggerFactory.getLogger(TypedBus.class);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<Vertx> INSTALLED = Collections.newSetFromMap(new WeakHashMap<>());
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      for (RecordComponent component : components) {
        component.getAccessor().setAccessible(true); // records declared inside tests are not public
      }
      return components;
    }
  };

  private static final ObjectMapper MAPPER = ContractJson.MAPPER;

  /** Translates an implementation's domain exceptions into bus failures; null for failures it does not know. */
  @FunctionalInterface
  public interface FailureTranslator {
    BusFailure translate(Throwable failure);

    FailureTranslator NONE = failure -> null;
  }

  private TypedBus() {
  }

  /**
   * Makes this Vert.x ready for typed calls: the failure codec, and the interceptor that puts the
   * current request id on every message sent. Idempotent; {@code VertxFactory} calls it.
   */
  public static synchronized void install(Vertx vertx) {
    if (!INSTALLED.add(vertx)) {
      return;
    }
    EventBus bus = vertx.eventBus();
    bus.registerDefaultCodec(BusFailure.class, new BusFailureCodec());
    bus.registerDefaultCodec(BusAnswer.class, new BusAnswerCodec());
    bus.addOutboundInterceptor(delivery -> {
      RequestOrigin origin = RequestContext.origin();
      if (origin.requestId() != null && !delivery.message().headers().contains(BusHeaders.REQUEST_ID)) {
        delivery.message().headers().add(BusHeaders.REQUEST_ID, origin.requestId());
      }
      origin.applyTo(delivery.message().headers());
      delivery.next();
    });
  }

  /** A client of {@code contract}, waiting {@link #DEFAULT_TIMEOUT} for each answer. */
  public static <T> T client(Vertx vertx, Class<T> contract) {
    return client(vertx, contract, DEFAULT_TIMEOUT);
  }

  public static <T> T client(Vertx vertx, Class<T> contract, Duration timeout) {
    return client(vertx, contract, timeout, Function.identity());
  }

  /**
   * A client for a service's adapter: its calls fail with domain exceptions ({@link
   * DomainFailures#inbound}), so the service's core never handles a transport failure.
   */
  public static <T> T serviceClient(Vertx vertx, Class<T> contract, Duration timeout) {
    return client(vertx, contract, timeout, DomainFailures::inbound);
  }

  private static <T> T client(Vertx vertx, Class<T> contract, Duration timeout,
      Function<Throwable, Throwable> failures) {
    install(vertx);
    String address = address(contract);
    Map<Method, Call> calls = new LinkedHashMap<>();
    for (Method method : operations(contract)) {
      calls.put(method, new Call(address + "." + method.getName(), method));
    }
    InvocationHandler handler = (proxy, method, args) -> {
      Call call = calls.get(method);
      if (call == null) {
        return method.invoke(contract, args); // Object's methods
      }
      return call.send(vertx, args == null ? new Object[0] : args, call.timeout(timeout))
          .recover(failure -> Future.failedFuture(failures.apply(failure)));
    };
    return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, handler));
  }

  /** Serves {@code implementation} at the contract's addresses; the consumers, to unregister them. */
  public static <T> List<MessageConsumer<JsonObject>> serve(Vertx vertx, Class<T> contract, T implementation,
      FailureTranslator translator) {
    install(vertx);
    String address = address(contract);
    List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    for (Method method : operations(contract)) {
      Call call = new Call(address + "." + method.getName(), method);
      consumers.add(vertx.eventBus().consumer(call.address, message -> call.serve(vertx, message, implementation,
          translator)));
    }
    return consumers;
  }

  /** Publishes {@code event} to every consumer of {@code address}, bound as {@link #subscribe} reads it. */
  public static void publish(Vertx vertx, String address, Object event) {
    install(vertx);
    vertx.eventBus().publish(address, new JsonObject(toPlain(event)));
  }

  /** Sends {@code message} to the one consumer of {@code address} (a stream's next item), bound as {@link #subscribe} reads it. */
  public static void send(Vertx vertx, String address, Object message) {
    install(vertx);
    vertx.eventBus().send(address, new JsonObject(toPlain(message)));
  }

  /** Consumes the events of {@code address} as {@code type}; a malformed event is logged and dropped. */
  public static <E> MessageConsumer<JsonObject> subscribe(Vertx vertx, String address, Class<E> type,
      Consumer<E> handler) {
    install(vertx);
    return vertx.eventBus().consumer(address, message -> {
      E event;
      try {
        event = MAPPER.convertValue(message.body(), type);
      } catch (IllegalArgumentException malformed) {
        LOG.warn("dropped a malformed event on {}: {}", address, malformed.getMessage());
        return;
      }
      handler.accept(event);
    });
  }

  /** The value as plain JSON types (maps, lists, strings, numbers, booleans), as Jackson binds it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> toPlain(Object value) {
    return MAPPER.convertValue(value, Map.class);
  }

  private static String address(Class<?> contract) {
    try {
      return (String) contract.getField("ADDRESS").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(contract.getName() + " declares no String ADDRESS", e);
    }
  }

  private static List<Method> operations(Class<?> contract) {
    if (!contract.isInterface()) {
      throw new IllegalArgumentException(contract.getName() + " is not an interface");
    }
    List<Method> methods = Arrays.stream(contract.getMethods())
        .filter(method -> !method.isDefault() && !Modifier.isStatic(method.getModifiers()))
        .toList();
    Set<String> names = new java.util.HashSet<>();
    for (Method method : methods) {
      if (method.getReturnType() != Future.class || !names.add(method.getName())) {
        throw new IllegalArgumentException(contract.getName() + "." + method.getName()
            + ": contract methods return a Future and are not overloaded");
      }
    }
    return methods;
  }

  /** One operation of a contract: its address, its parameters and how its result is bound. */
  private static final class Call {

    private final String address;
    private final Method method;
    private final Parameter[] parameters;
    private final JavaType[] parameterTypes;
    private final JavaType resultType;
    private final JavaType answerType;
    private final boolean idempotent;
    private final Duration waitAtMost;

    Call(String address, Method method) {
      this.address = address;
      this.method = method;
      this.parameters = method.getParameters();
      this.parameterTypes = Arrays.stream(method.getGenericParameterTypes())
          .map(type -> MAPPER.getTypeFactory().constructType(type)).toArray(JavaType[]::new);
      Type result = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
      this.resultType = MAPPER.getTypeFactory().constructType(result);
      this.answerType = BusAnswer.envelopeOf(resultType);
      this.idempotent = method.isAnnotationPresent(Idempotent.class);
      WaitAtMost bound = method.getAnnotation(WaitAtMost.class);
      this.waitAtMost = bound == null ? null : Duration.ofSeconds(bound.seconds());
      for (Parameter parameter : parameters) {
        if (!parameter.isNamePresent()) {
          throw new IllegalStateException(address + ": compile the contract with -parameters");
        }
      }
    }

    /** The client's timeout, or the method's own when that is shorter. */
    Duration timeout(Duration clientTimeout) {
      return waitAtMost == null || waitAtMost.compareTo(clientTimeout) > 0 ? clientTimeout : waitAtMost;
    }

    Future<Object> send(Vertx vertx, Object[] args, Duration timeout) {
      Map<String, Object> body = new LinkedHashMap<>();
      Caller caller = null;
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].getType() == Caller.class) {
          caller = (Caller) args[i];
        } else {
          body.put(parameters[i].getName(), args[i] == null ? null : MAPPER.convertValue(args[i], Object.class));
        }
      }
      JsonObject request = new JsonObject(body);
      Caller onBehalfOf = caller;
      Function<Duration, Future<Message<BusAnswer>>> attempt = bound -> {
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(bound.toMillis());
        if (onBehalfOf != null) {
          onBehalfOf.applyTo(options);
        }
        return BusRequests.request(vertx, address, request, options);
      };
      Future<Message<BusAnswer>> answer = idempotent
          ? inAttempts(attempt, timeout, System.nanoTime() + timeout.toNanos())
          : attempt.apply(timeout);
      return answer.map(reply -> resultType.hasRawClass(Void.class) ? null : reply.body().value(answerType));
    }

    /** Attempts of a quarter of the timeout each, while the time lasts and nobody answered. */
    private static Future<Message<BusAnswer>> inAttempts(Function<Duration, Future<Message<BusAnswer>>> attempt,
        Duration timeout, long deadline) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      Duration bound = Duration.ofMillis(Math.max(1, Math.min(Math.max(1000, timeout.toMillis() / 4), left)));
      return attempt.apply(bound).recover(failure -> failure instanceof ReplyException reply
          && reply.failureType() == ReplyFailure.TIMEOUT && deadline - System.nanoTime() > 0
          ? inAttempts(attempt, timeout, deadline)
          : Future.failedFuture(failure));
    }

    void serve(Vertx vertx, Message<JsonObject> message, Object implementation, FailureTranslator translator) {
      RequestContext.setOrigin(Vertx.currentContext(), RequestOrigin.from(message.headers()));
      Future<?> result;
      try {
        result = (Future<?>) method.invoke(implementation, arguments(message));
      } catch (InvocationTargetException thrown) {
        result = Future.failedFuture(thrown.getCause());
      } catch (RuntimeException | IllegalAccessException refused) {
        result = Future.failedFuture(refused);
      }
      result.onComplete(value -> {
        BusAnswer answer;
        try {
          answer = BusAnswer.of(value);
        } catch (IllegalArgumentException unwritable) {
          message.reply(failureOf(vertx, unwritable, translator));
          return;
        }
        message.reply(answer);
      }, failure -> message.reply(failureOf(vertx, failure, translator)));
    }

    private Object[] arguments(Message<JsonObject> message) {
      Object[] args = new Object[parameters.length];
      JsonObject body = message.body() == null ? new JsonObject() : message.body();
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].getType() == Caller.class) {
          args[i] = Caller.from(message.headers());
          continue;
        }
        Object value = body.getValue(parameters[i].getName());
        if (value == null && !parameters[i].isAnnotationPresent(Nullable.class)) {
          throw BusFailure.invalid(parameters[i].getName(), "required");
        }
        try {
          args[i] = value == null ? null : MAPPER.convertValue(value, parameterTypes[i]);
        } catch (IllegalArgumentException malformed) {
          throw BusFailure.invalid(parameters[i].getName(), "malformed (" + rootMessage(malformed) + ")");
        }
        requireFields(parameters[i].getName(), args[i]);
      }
      return args;
    }

    private BusFailure failureOf(Vertx vertx, Throwable failure, FailureTranslator translator) {
      if (failure instanceof BusFailure refused) {
        return refused;
      }
      BusFailure translated = DomainFailures.translate(failure);
      if (translated == null) {
        translated = translator.translate(failure);
      }
      if (translated != null) {
        return translated;
      }
      if (failure instanceof ReplyException reply) {
        if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
          return BusFailure.of(ErrorCode.fromCode(reply.failureCode()), reply.getMessage());
        }
        // a service this one depends on did not answer: that is an outage, logged by the side that asked
        LOG.debug("{} failed: a dependency did not answer ({})", address, reply.getMessage());
        return BusFailure.of(ErrorCode.UNAVAILABLE, "a backing service did not answer")
            .retryAfter(RetryAfter.OUTAGE_SECONDS);
      }
      if (DatabaseOutage.report(vertx, failure)) {
        return BusFailure.of(ErrorCode.UNAVAILABLE, "the database is unavailable").retryAfter(RetryAfter.OUTAGE_SECONDS);
      }
      LOG.error("{} failed", address, failure);
      return BusFailure.of(ErrorCode.INTERNAL, "internal error while handling " + address);
    }

    /** Every component of a record argument (nested ones too) is required unless marked {@link Nullable}. */
    private static void requireFields(String path, Object value) {
      if (value instanceof Iterable<?> items) {
        int index = 0;
        for (Object item : items) {
          requireFields(path + "[" + index++ + "]", item);
        }
      } else if (value instanceof Map<?, ?> entries) {
        entries.forEach((key, item) -> requireFields(path + "." + key, item));
      } else if (value != null && value.getClass().isRecord()) {
        for (RecordComponent component : COMPONENTS.get(value.getClass())) {
          Object field;
          try {
            field = component.getAccessor().invoke(value);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
          String fieldPath = path + "." + component.getName();
          if (field == null && !component.isAnnotationPresent(Nullable.class)) {
            throw BusFailure.invalid(fieldPath, "required");
          }
          requireFields(fieldPath, field);
        }
      }
    }

    private static String rootMessage(Throwable failure) {
      Throwable root = failure;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      return message.length() > 200 ? message.substring(0, 200) : message;
    }
  }
}
