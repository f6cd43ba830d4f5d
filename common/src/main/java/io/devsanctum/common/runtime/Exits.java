package io.devsanctum.common.runtime;

/** Ends the JVM from a callback without deadlocking the shutdown hooks that close Vert.x. */
public final class Exits {

  private Exits() {
  }

  /**
   * {@code System.exit} blocks until shutdown hooks finish; called on an event loop it would wait
   * for the very thread the hook needs, so it runs on a thread of its own.
   */
  public static void exit(int status) {
    new Thread(() -> System.exit(status), "devsanctum-exit").start();
  }
}
