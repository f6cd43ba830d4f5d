package io.devsanctum.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditActor;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditContract;
import io.devsanctum.common.contract.audit.AuditFilter;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditResult;
import io.devsanctum.common.contract.audit.AuditTarget;
import io.devsanctum.common.contract.audit.AuditTargetType;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's records on their way to the audit log, against a log that is away and comes back:
 * nothing is lost while it is away, each record reaches it in order, past the bound the oldest
 * are dropped and counted, never silently, and a record the log refuses holds back no other.
 */
class GatewayAuditLogTest {

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final AwayLog log = new AwayLog();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** An audit log that refuses every append while away, and keeps what it stored. */
  private static final class AwayLog implements AuditContract {

    volatile boolean away = true;
    final List<AuditRecord> stored = Collections.synchronizedList(new ArrayList<>());
    volatile int refused;

    @Override
    public Future<Void> append(List<AuditRecord> records) {
      if (away) {
        refused++;
        return Future.failedFuture(new ReplyException(ReplyFailure.NO_HANDLERS, "no handlers for workspace.audit"));
      }
      if (records.stream().anyMatch(r -> "unstorable".equals(r.actor().name()))) {
        // as a record PostgreSQL cannot take fails its whole batch's transaction
        return Future.failedFuture(BusFailure.of(ErrorCode.INTERNAL, "internal error while handling workspace.audit"));
      }
      stored.addAll(records);
      return Future.succeededFuture();
    }

    @Override
    public Future<Page<AuditRecord>> page(Caller caller, AuditFilter filter, PageRequest page) {
      throw new UnsupportedOperationException("the gateway's log only appends");
    }
  }

  @Test
  void recordsMadeWhileTheLogIsAwayWaitAndReachItInOrderOnceItIsBack() {
    GatewayAuditLog gateway = new GatewayAuditLog(vertx, log, metrics);
    List<AuditRecord> made = IntStream.range(0, 450).mapToObj(GatewayAuditLogTest::record).toList();
    made.forEach(gateway::record);
    await().atMost(Duration.ofSeconds(5)).until(() -> log.refused >= 2); // retried, not given up
    assertThat(gateway.waiting()).isEqualTo(450);
    assertThat(metrics.get("devsanctum.audit.gateway.waiting").gauge().value()).isEqualTo(450);

    log.away = false;
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.waiting() == 0);
    assertThat(log.stored).containsExactlyElementsOf(made);
    assertThat(metrics.get("devsanctum.audit.gateway.delivered").counter().count()).isEqualTo(450);
    assertThat(metrics.get("devsanctum.audit.gateway.dropped").counter().count()).isZero();
  }

  @Test
  void pastItsBoundTheOldestAreDroppedAndCounted() {
    GatewayAuditLog gateway = new GatewayAuditLog(vertx, log, metrics);
    List<AuditRecord> made = IntStream.range(0, GatewayAuditLog.CAPACITY + 25)
        .mapToObj(GatewayAuditLogTest::record).toList();
    made.forEach(gateway::record);
    assertThat(gateway.waiting()).isEqualTo(GatewayAuditLog.CAPACITY);
    assertThat(metrics.get("devsanctum.audit.gateway.dropped").counter().count()).isEqualTo(25);

    log.away = false;
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.waiting() == 0);
    // the oldest not already in flight were dropped (a batch in flight may yet be stored): the rest, in order, once
    assertThat(log.stored).hasSize(made.size() - 25).doesNotHaveDuplicates();
    assertThat(made).containsSubsequence(log.stored);
  }

  @Test
  void aRecordTheLogRefusesForWhatItHoldsIsDroppedAloneAndCountedAndTheOthersAreStored() {
    GatewayAuditLog gateway = new GatewayAuditLog(vertx, log, metrics);
    List<AuditRecord> made = new ArrayList<>(IntStream.range(0, 30).mapToObj(GatewayAuditLogTest::record).toList());
    made.add(10, record("unstorable"));
    made.forEach(gateway::record);
    log.away = false;

    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.waiting() == 0);
    assertThat(log.stored).containsExactlyElementsOf(made.stream()
        .filter(r -> !"unstorable".equals(r.actor().name())).toList());
    assertThat(metrics.get("devsanctum.audit.gateway.dropped").counter().count()).isEqualTo(1);
  }

  private static AuditRecord record(int n) {
    return record("visitor-" + n);
  }

  private static AuditRecord record(String login) {
    return AuditRecord.of(AuditActor.anonymous(login), AuditAction.SIGN_IN,
        new AuditTarget(AuditTargetType.USER, UUID.randomUUID(), null), AuditChange.NONE,
        AuditResult.refused(401, "unauthorized"));
  }
}
