package io.devsanctum.cli;

/** A failure the CLI reports as one line, with the exit code scripts can act on. */
final class CliException extends RuntimeException {

  /** Anything else: the server refused, or could not be reached. */
  static final int FAILED = 1;
  /** Not signed in, or the token no longer works. */
  static final int UNAUTHENTICATED = 3;
  /** No such workspace, template or key. */
  static final int NOT_FOUND = 4;
  /** Refused as it stands: a conflict or invalid input. */
  static final int REFUSED = 5;

  private final int exitCode;
  /** The platform's HTTP status when it refused; 0 when the failure is the CLI's own. */
  private final int status;

  CliException(int exitCode, String message) {
    this(exitCode, message, 0);
  }

  CliException(int exitCode, String message, int status) {
    super(message);
    this.exitCode = exitCode;
    this.status = status;
  }

  int status() {
    return status;
  }

  int exitCode() {
    return exitCode;
  }
}
