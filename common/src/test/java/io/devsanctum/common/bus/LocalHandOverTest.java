package io.devsanctum.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JavaType;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.workspace.Autostart;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceSchedule;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.common.paging.Page;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LocalHandOverTest {

  public enum Colour { RED, GREEN }

  public record Label(String text, Colour colour) {
  }

  public record Entry(UUID id, String name, int size, OffsetDateTime at, Label label, List<Label> more,
      Map<String, String> notes) {
    public Entry {
      more = more == null ? List.of() : List.copyOf(more);
      notes = notes == null ? Map.of() : Map.copyOf(notes);
    }
  }

  /** Its JSON would read an absent list as empty; handed over, it would stay null. */
  public record LooseEntry(String name, List<String> tags) {
  }

  public record Stamped(String name, OffsetDateTime at) {
  }

  /** Made of each other (through a list): decided without end. */
  public record Folder(String name, List<Document> documents) {
  }

  public record Document(String title, List<Folder> attachments) {
  }

  /** Its JSON would not carry the owner at all. */
  public record Secretive(String name, @JsonIgnore UUID ownerId) {
  }

  public record Holder(JsonObject json) {
  }

  public interface Catalogue {
    String ADDRESS = "test.catalogue";

    Future<Page<Entry>> entries();
  }

  private static final Entry ENTRY = new Entry(UUID.randomUUID(), "one", 3,
      OffsetDateTime.of(2026, 12, 1, 19, 30, 0, 123_000_000, ZoneOffset.UTC), new Label("l", Colour.RED),
      List.of(new Label("m", Colour.GREEN)), Map.of("k", "v"));

  @Test
  void recordsOfValuesThatReadBackFromTheirJsonAsEqualMayBeShared() {
    assertThat(LocalHandOver.mayShare(ENTRY)).isTrue();
    assertThat(LocalHandOver.mayShare(new Page<>(List.of(ENTRY, ENTRY), "next"))).isTrue();
    assertThat(LocalHandOver.mayShare(new Page<>(List.of(), null))).isTrue();
    assertThat(LocalHandOver.mayShare("text")).isTrue();
    assertThat(LocalHandOver.mayShare(42)).isTrue();
    assertThat(LocalHandOver.mayShare(Colour.RED)).isTrue();
  }

  @Test
  void whatItsJsonWouldChangeOrAHolderCouldChangeGoesAsJson() {
    assertThat(LocalHandOver.mayShare(new LooseEntry("a", null))).isFalse();
    assertThat(LocalHandOver.mayShare(new Secretive("a", UUID.randomUUID()))).isFalse();
    assertThat(LocalHandOver.mayShare(new Holder(new JsonObject()))).isFalse();
    assertThat(LocalHandOver.mayShare(new ArrayList<>(List.of(ENTRY)))).isFalse();
    assertThat(LocalHandOver.mayShare(new JsonObject())).isFalse();
    assertThat(LocalHandOver.mayShare(new Page<>(List.of(new JsonObject()), null))).isFalse();
    assertThat(LocalHandOver.mayShare(new Page<>(List.of(ENTRY, new LooseEntry("b", new ArrayList<>())), null)))
        .as("a list another verticle could change").isFalse();
    assertThat(LocalHandOver.mayShare(new LooseEntry("b", List.of("x")))).isTrue();
  }

  /** What a list of workspaces answers: the one answer the standalone's API most needs handed over as it is. */
  @Test
  void aPageOfWorkspacesIsShared() {
    OffsetDateTime at = OffsetDateTime.of(2026, 12, 1, 19, 30, 0, 0, ZoneOffset.UTC);
    Workspace workspace = new Workspace(UUID.randomUUID(), UUID.randomUUID(), "ada", "dev", UUID.randomUUID(),
        UUID.randomUUID(), new java.util.HashMap<>(Map.of("size", "large")), WorkspaceState.RUNNING, null, "local",
        "owner", at, at, null, new WorkspaceSchedule(30, new Autostart(List.of(DayOfWeek.MONDAY), "09:00", "UTC")),
        at.plusMinutes(30), null, null, null);

    assertThat(LocalHandOver.mayShare(new Page<>(List.of(workspace, workspace), "next"))).isTrue();
  }

  @Test
  void aTimeIsSharedOnlyInUtcAsItsJsonWouldReadIt() {
    OffsetDateTime utc = OffsetDateTime.of(2026, 12, 1, 19, 30, 0, 0, ZoneOffset.UTC);

    assertThat(LocalHandOver.mayShare(new Stamped("utc", utc))).isTrue();
    assertThat(LocalHandOver.mayShare(new Stamped("paris", utc.withOffsetSameInstant(ZoneOffset.ofHours(1))))).isFalse();
    assertThat(LocalHandOver.mayShare(new Stamped("never", null))).isTrue();
  }

  @Test
  void recordsMadeOfEachOtherAreDecidedByTheirValues() {
    Folder folder = new Folder("f", List.of(new Document("d", List.of(new Folder("inner", List.of())))));

    assertThat(LocalHandOver.mayShare(folder)).isTrue();
    assertThat(LocalHandOver.mayShare(new Folder("f", List.of(new Document("d", null))))).isFalse();
  }

  @Test
  void aLocalCallGetsTheAnsweredPageItself(Vertx vertx) {
    Page<Entry> answered = new Page<>(List.of(ENTRY), null);
    TypedBus.serve(vertx, Catalogue.class, (Catalogue) () -> Future.succeededFuture(answered),
        TypedBus.FailureTranslator.NONE);

    Page<Entry> got = TypedBus.client(vertx, Catalogue.class).entries().await();

    assertThat(got).isSameAs(answered);
  }

  @Test
  void aSharedAnswerCrossesAClusterAsItsJsonAndReadsBackEqual() {
    Page<Entry> answered = new Page<>(List.of(ENTRY), "next");
    BusAnswerCodec codec = new BusAnswerCodec();
    Buffer wire = Buffer.buffer();
    JavaType envelope = BusAnswer.envelopeOf(ContractJson.MAPPER.getTypeFactory()
        .constructParametricType(Page.class, Entry.class));

    codec.encodeToWire(wire, BusAnswer.of(answered));
    Object arrived = codec.decodeFromWire(0, wire).value(envelope);

    assertThat(arrived).isEqualTo(answered).isNotSameAs(answered);
  }
}
