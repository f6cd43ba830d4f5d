package io.devsanctum.workspace.repository;

/**
 * A stored record that this server cannot map back (written by an older version, or by hand,
 * breaking a rule enforced now). Readers of one record decide what to answer; lists leave it
 * out, so one bad record never hides the others. The repository logs it where it is found.
 */
public class UnreadableRecordException extends RuntimeException {

  public UnreadableRecordException(String record, Throwable reason) {
    super(record + " cannot be read: " + reason.getMessage(), reason);
  }
}
