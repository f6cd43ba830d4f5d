package io.devsanctum.workspace.fake;

import io.devsanctum.workspace.service.AppHealthProbe;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link AppHealthProbe} whose app answers after a given number of probes (never, with -1). */
public final class FakeHealthProbe implements AppHealthProbe {

  private volatile int answersAfter;
  private final AtomicInteger probes = new AtomicInteger();

  public FakeHealthProbe(int answersAfter) {
    this.answersAfter = answersAfter;
  }

  public void answersAfter(int probes) {
    this.answersAfter = probes;
    this.probes.set(0);
  }

  @Override
  public Future<Boolean> answers(String url) {
    int probe = probes.incrementAndGet();
    return Future.succeededFuture(answersAfter >= 0 && probe > answersAfter);
  }
}
