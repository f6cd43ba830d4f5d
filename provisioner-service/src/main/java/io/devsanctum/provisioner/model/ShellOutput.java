package io.devsanctum.provisioner.model;

/** Where a shell's output goes, as it comes. Called from the engine's reader thread. */
public interface ShellOutput {

  void data(byte[] bytes);

  /** The shell ended; {@code exitCode} is null when it is unknown. */
  void exited(Integer exitCode);
}
