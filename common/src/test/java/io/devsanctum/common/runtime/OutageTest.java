package io.devsanctum.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutageTest {

  private final Vertx vertx = Vertx.vertx();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Outage.class);

  @BeforeEach
  void capture() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void release() {
    logger.detachAppender(log);
    vertx.close().await();
  }

  @Test
  void manyFailedRequestsLogOneWarningAndTheProbeEndsTheOutageWithOneInfo() throws Exception {
    AtomicBoolean back = new AtomicBoolean();
    Outage outage = Outage.of(vertx, "the test dependency",
        () -> back.get() ? Future.succeededFuture() : Future.failedFuture("still down"));
    outage.succeeded(); // it served before it went

    for (int i = 0; i < 100; i++) {
      outage.failed("connection refused");
    }
    assertThat(outage.ongoing()).isTrue();
    Thread.sleep(Outage.PROBE_INTERVAL.multipliedBy(2).toMillis());
    assertThat(outage.ongoing()).as("the probe keeps failing while the dependency is down").isTrue();
    back.set(true);
    // the probe clears the outage on the event loop and logs just after: wait for the line itself
    await().atMost(Duration.ofSeconds(5)).until(() -> log.list.size() == 2);

    assertThat(outage.ongoing()).isFalse();
    assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
    assertThat(log.list.get(0).getFormattedMessage()).contains("the test dependency is unavailable (connection refused)");
    assertThat(log.list.get(1).getFormattedMessage()).contains("the test dependency is available again")
        .contains("100 request(s) failed meanwhile");
  }

  @Test
  void aSucceedingRequestEndsTheOutageAndANewFailureBeginsANewOne() {
    Outage outage = Outage.of(vertx, "another dependency", () -> Future.failedFuture("down"));

    outage.succeeded();
    outage.failed("timeout");
    outage.succeeded();
    outage.succeeded();
    outage.failed("timeout");

    assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
    assertThat(Outage.of(vertx, "another dependency", () -> Future.succeededFuture()))
        .as("one record per dependency and Vert.x instance").isSameAs(outage);
  }

  @Test
  void aDependencyThatHasNotServedYetIsStartingNotOut() {
    Outage outage = Outage.of(vertx, "a starting dependency", () -> Future.failedFuture("down"));

    outage.failed("no handlers");
    outage.succeeded();
    outage.failed("no handlers");

    assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.INFO, Level.WARN);
    assertThat(log.list.get(0).getFormattedMessage()).contains("a starting dependency is not available yet");
  }
}
