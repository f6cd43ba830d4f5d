package io.devsanctum.standalone.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.devsanctum.common.logging.RequestContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of the JVM while it is open, for tests that assert what was (not) logged. */
final class LogCapture implements AutoCloseable {

  /**
   * One event as the log shows it. The request id is read when the event is logged, on the thread
   * and context that log it, as the log pattern's {@code %requestId} does.
   */
  record Line(Level level, String logger, String requestId, String message, String throwable) {

    @Override
    public String toString() {
      return level + " [req=" + requestId + "] " + logger + ": " + message + (throwable == null ? "" : " [" + throwable + "]");
    }
  }

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<Line> lines = new ArrayList<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) { // AppenderBase calls this under its own lock
      lines.add(new Line(event.getLevel(), event.getLoggerName(), RequestContext.requestId(), event.getFormattedMessage(),
          event.getThrowableProxy() == null ? null
              : event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage()));
    }
  };

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  List<Line> lines() {
    synchronized (appender) {
      return List.copyOf(lines);
    }
  }

  /** ERROR events, and any event that carries a stack trace. */
  List<String> errorsAndStackTraces() {
    return lines().stream()
        .filter(line -> line.level().isGreaterOrEqual(Level.ERROR) || line.throwable() != null)
        .map(Line::toString)
        .toList();
  }

  List<String> messages() {
    return lines().stream().map(line -> line.level() + " " + line.message()).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
