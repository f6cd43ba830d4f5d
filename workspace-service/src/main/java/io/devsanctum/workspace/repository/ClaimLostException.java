package io.devsanctum.workspace.repository;

/**
 * A deployment's claim is no longer held by the run that tried to write: another instance took the
 * deployment over (this run's lease ran out), so this run must stop without writing anything more.
 */
public class ClaimLostException extends RuntimeException {

  public ClaimLostException(String message) {
    super(message, null, false, false);
  }
}
