package io.devsanctum.provisioner.model;

import io.vertx.core.Future;

/** A process in a workspace container (a shell, a command), with or without a TTY. */
public interface ShellSession {

  /**
   * Input for the process (keystrokes, or the bytes of a protocol), after the input before it;
   * completes once the bytes are in the process's connection, so a sender can wait for that before
   * it sends more (a process that does not read holds its sender back).
   */
  Future<Void> write(byte[] input);

  Future<Void> resize(int cols, int rows);

  /**
   * The end of the process's input (a client's EOF): a process without a terminal reads to it; one
   * with a terminal is told by the EOF character its client types instead.
   */
  void endInput();

  /** Ends the process's connection (its input closes, so a shell exits). */
  void close();
}
