package io.devsanctum.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BackgroundWorkTest {

  private final Vertx vertx = Vertx.vertx();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(BackgroundWorkTest.class);

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

  /** The service that answered so logs its own outage once; a run that needed it adds no WARN. */
  @Test
  void aRunFailedBecauseAServiceAnsweredItIsUnavailableLogsNoWarning() {
    BackgroundWork.failed(vertx, logger, "delivering audit records",
        BusFailure.of(ErrorCode.UNAVAILABLE, "the database is unavailable"));

    assertThat(log.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
  }

  @Test
  void anyOtherFailedRunIsAWarningOfItsOwn() {
    BackgroundWork.failed(vertx, logger, "purging", BusFailure.of(ErrorCode.INTERNAL, "a bug"));

    assertThat(log.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).isEqualTo("purging failed: a bug");
    });
  }
}
