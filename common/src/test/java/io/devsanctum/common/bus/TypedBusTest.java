package io.devsanctum.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.config.ClusterConfig;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.logging.RequestContext;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The typed event bus, local and across a real two-member Hazelcast cluster. */
@ExtendWith(VertxExtension.class)
class TypedBusTest {

  /** A contract of the shape every service contract has. */
  public interface Shelf {
    String ADDRESS = "test.shelf";

    Future<Book> add(Caller caller, NewBook book);

    @Idempotent
    Future<List<Book>> list(@Nullable String author);

    Future<Void> remove(Caller caller, UUID id);

    Future<String> whoAsked(Caller caller);
  }

  public record NewBook(String title, @Nullable String author, int pages, List<String> tags) {
  }

  public record Book(UUID id, String title, String author, int pages, List<String> tags, Instant addedAt) {
  }

  /** A domain exception, as services raise them; the endpoint translates it. */
  static final class NoSuchBook extends RuntimeException {
    NoSuchBook(UUID id) {
      super("no book " + id);
    }
  }

  static final class Library implements Shelf {
    final List<Book> books = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> requestIds = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Future<Book> add(Caller caller, NewBook book) {
      requestIds.add(String.valueOf(RequestContext.requestId()));
      if (book.pages() <= 0) {
        return Future.failedFuture(BusFailure.invalid("/pages", "must be at least 1"));
      }
      Book added = new Book(UUID.randomUUID(), book.title(), book.author(), book.pages(), book.tags(), Instant.parse("2026-12-01T10:00:00Z"));
      books.add(added);
      return Future.succeededFuture(added);
    }

    @Override
    public Future<List<Book>> list(String author) {
      return Future.succeededFuture(books.stream().filter(b -> author == null || b.author().equals(author)).toList());
    }

    @Override
    public Future<Void> remove(Caller caller, UUID id) {
      if (books.removeIf(b -> b.id().equals(id))) {
        return Future.succeededFuture();
      }
      throw new NoSuchBook(id);
    }

    @Override
    public Future<String> whoAsked(Caller caller) {
      return Future.succeededFuture(caller.username() + "/" + caller.role());
    }
  }

  private static final TypedBus.FailureTranslator TRANSLATOR = failure -> failure instanceof NoSuchBook
      ? BusFailure.of(ErrorCode.NOT_FOUND, failure.getMessage()) : null;
  private static final Caller ADA = new Caller(UUID.randomUUID(), Role.MEMBER, "ada");

  private final List<VertxRuntime> members = new java.util.ArrayList<>();

  @AfterEach
  void close() {
    members.forEach(member -> member.vertx().close().await());
  }

  @Test
  void typedValuesCallersAndStructuredFailuresCrossAClusteredBus() {
    ClusterConfig cluster = new ClusterConfig("typed-bus-" + UUID.randomUUID(), "127.0.0.1",
        20000 + ThreadLocalRandom.current().nextInt(20000), List.of("127.0.0.1"));
    VertxRuntime server = VertxFactory.clustered(cluster).await();
    members.add(server);
    VertxRuntime client = VertxFactory.clustered(cluster).await();
    members.add(client);
    Library library = new Library();
    Future.all(TypedBus.serve(server.vertx(), Shelf.class, library, TRANSLATOR).stream()
        .map(consumer -> consumer.completion()).toList()).await();
    Shelf shelf = TypedBus.client(client.vertx(), Shelf.class);

    Book added = shelf.add(ADA, new NewBook("Dune", "Herbert", 412, List.of())).await();

    assertThat(added.title()).isEqualTo("Dune");
    assertThat(added.addedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(shelf.list("Herbert").await()).containsExactly(added);
    assertThat(shelf.whoAsked(ADA).await()).isEqualTo("ada/member");
    BusFailure invalid = failure(shelf.add(ADA, new NewBook("Empty", "Nobody", 0, List.of())));
    assertThat(invalid.errorCode()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(invalid.fieldErrors()).containsExactly(new FieldError("/pages", "must be at least 1"));
    BusFailure missing = failure(shelf.remove(ADA, UUID.randomUUID()));
    assertThat(missing.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(shelf.remove(ADA, added.id()).await()).isNull();
  }

  @Test
  void aCallWithoutItsCallerIsRefusedAndMalformedArgumentsNameTheParameter(Vertx vertx) {
    TypedBus.serve(vertx, Shelf.class, new Library(), TRANSLATOR);

    BusFailure anonymous = failure(vertx.eventBus().request("test.shelf.whoAsked", new JsonObject()));
    BusFailure malformed = failure(vertx.eventBus().request("test.shelf.remove",
        new JsonObject().put("id", "not-a-uuid"), ADA.applyTo(new DeliveryOptions())));

    assertThat(anonymous.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(malformed.errorCode()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(malformed.fieldErrors()).extracting(FieldError::field).containsExactly("id");
  }

  @Test
  void anAbsentArgumentOrRecordFieldIsRefusedUnlessNullableAndAnAbsentListBindsEmpty(Vertx vertx) {
    TypedBus.serve(vertx, Shelf.class, new Library(), TRANSLATOR);
    DeliveryOptions asAda = ADA.applyTo(new DeliveryOptions());

    BusFailure noId = failure(vertx.eventBus().request("test.shelf.remove", new JsonObject(), asAda));
    JsonObject added = vertx.eventBus().<BusAnswer>request("test.shelf.add", new JsonObject()
        .put("book", new JsonObject().put("title", "Emma").put("author", "Austen").put("pages", 300)), asAda)
        .await().body().toJson().getJsonObject("value");
    JsonObject everyAuthor = vertx.eventBus().<BusAnswer>request("test.shelf.list", new JsonObject()).await().body()
        .toJson();
    BusFailure untitled = failure(vertx.eventBus().request("test.shelf.add", new JsonObject()
        .put("book", new JsonObject().put("pages", 10)), asAda));

    assertThat(noId.errorCode()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(noId.fieldErrors()).extracting(FieldError::field).containsExactly("id");
    assertThat(added.getJsonArray("tags")).isEmpty();
    assertThat(everyAuthor.getJsonArray("value")).hasSize(1);
    assertThat(untitled.fieldErrors()).extracting(FieldError::field).containsExactly("book.title");
  }

  @Test
  void theRequestIdOfTheWorkACallIsPartOfReachesTheService(Vertx vertx, VertxTestContext test) {
    Library library = new Library();
    TypedBus.serve(vertx, Shelf.class, library, TRANSLATOR);
    Shelf shelf = TypedBus.client(vertx, Shelf.class);
    var context = vertx.getOrCreateContext();

    context.runOnContext(v -> {
      RequestContext.setRequestId(Vertx.currentContext(), "req-12345678");
      shelf.add(ADA, new NewBook("Emma", "Austen", 300, List.of("novel"))).onComplete(test.succeeding(book -> test.verify(() -> {
        assertThat(library.requestIds).containsExactly("req-12345678");
        test.completeNow();
      })));
    });
  }

  @Test
  void anIdempotentCallIsSentAgainWhenAnInstanceDoesNotAnswer(Vertx vertx, VertxTestContext test) {
    AtomicInteger attempts = new AtomicInteger();
    // the first instance swallows the request (as one that died mid-call), the second answers
    vertx.eventBus().<JsonObject>consumer("test.shelf.list", message -> {
      if (attempts.incrementAndGet() > 1) {
        message.reply(BusAnswer.of(List.of()));
      }
    });
    Shelf shelf = TypedBus.client(vertx, Shelf.class, java.time.Duration.ofSeconds(4));

    shelf.list(null).onComplete(test.succeeding(books -> test.verify(() -> {
      assertThat(books).isEmpty();
      assertThat(attempts).hasValue(2);
      test.completeNow();
    })));
  }

  private static BusFailure failure(Future<?> call) {
    try {
      call.await();
    } catch (RuntimeException refused) {
      assertThat(refused).isInstanceOf(BusFailure.class);
      return (BusFailure) refused;
    }
    throw new AssertionError("expected a refusal");
  }
}
