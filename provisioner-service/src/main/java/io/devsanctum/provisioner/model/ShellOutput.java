package io.devsanctum.provisioner.model;

/** Where a process's output goes, as it comes. Called from the engine's reader thread. */
public interface ShellOutput {

  /** Its standard output, or everything it writes to its terminal. */
  void data(byte[] bytes);

  /** Its standard error, for a process without a terminal. */
  void errors(byte[] bytes);

  /** The process ended; {@code exitCode} is null when it is unknown. */
  void exited(Integer exitCode);
}
