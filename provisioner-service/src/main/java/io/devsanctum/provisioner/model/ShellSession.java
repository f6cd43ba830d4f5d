package io.devsanctum.provisioner.model;

import io.vertx.core.Future;

/** A process in a workspace container (a shell, a command), with or without a TTY. */
public interface ShellSession {

  /** Input for the process (keystrokes, or the bytes of a protocol). */
  void write(byte[] input);

  Future<Void> resize(int cols, int rows);

  /** Ends the process's connection (its input closes, so a shell exits). */
  void close();
}
