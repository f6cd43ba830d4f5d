package io.devsanctum.gateway.proxy;

/**
 * The visitor closed their connection before the upstream's answer could reach them: nothing is to
 * be forwarded any more, and nothing is wrong with the upstream. No stack trace: it is an outcome.
 */
final class VisitorGone extends RuntimeException {

  VisitorGone() {
    super("the visitor went away", null, false, false);
  }
}
