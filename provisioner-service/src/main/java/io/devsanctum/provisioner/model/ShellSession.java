package io.devsanctum.provisioner.model;

import io.vertx.core.Future;

/** An interactive shell with a TTY in a workspace container. */
public interface ShellSession {

  /** Keystrokes for the shell. */
  void write(byte[] input);

  Future<Void> resize(int cols, int rows);

  /** Ends the shell (its input closes, so it exits). */
  void close();
}
