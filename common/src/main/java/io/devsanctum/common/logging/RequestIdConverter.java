package io.devsanctum.common.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback {@code %requestId}: the id of the request being handled, or "-". */
public class RequestIdConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String id = RequestContext.requestId();
    return id == null ? "-" : id;
  }
}
