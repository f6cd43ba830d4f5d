package io.devsanctum.gateway.middleware;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line for each request that changed something (an unsafe method answered below 400), so
 * that the work it starts in other services can be followed by its request id from the gateway on.
 * Reads are not logged (the dashboard polls); refusals have their own line ({@link ProblemHandler}).
 */
public class ChangeLogHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeLogHandler.class);
  private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (!READS.contains(method)) {
      long started = System.nanoTime();
      ctx.addEndHandler(ended -> {
        int status = ctx.response().getStatusCode();
        if (ended.succeeded() && status < 400) {
          LOG.info("{} {}: {} ({} ms)", method.name(), ctx.request().path(), status,
              (System.nanoTime() - started) / 1_000_000);
        }
      });
    }
    ctx.next();
  }
}
