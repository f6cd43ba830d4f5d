package io.devsanctum.workspace.service;

import io.vertx.core.Future;

/** Asks a workspace app whether it serves yet. */
public interface AppHealthProbe {

  /** True once {@code url} answers HTTP with a status below 500; false while it does not. Never fails. */
  Future<Boolean> answers(String url);
}
