package io.devsanctum.provisioner.service;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs tasks with the same key one after another (whatever the previous one's outcome), so that
 * concurrent requests for one workspace or one owner network do not race inside this instance:
 * "inspect, then create if missing" stays correct.
 */
public final class KeyedSequencer {

  private final Map<String, Future<?>> tails = new HashMap<>();

  public synchronized <T> Future<T> submit(String key, Supplier<Future<T>> task) {
    Future<?> previous = tails.getOrDefault(key, Future.succeededFuture());
    Future<T> result = previous.transform(ignored -> task.get());
    tails.put(key, result);
    result.onComplete(ignored -> release(key, result));
    return result;
  }

  private synchronized void release(String key, Future<?> finished) {
    tails.remove(key, finished);
  }
}
