package io.devsanctum.routing.infrastructure.proxy.caddy;

/** A call of Caddy's admin API that did not do what it was for, and why. */
class CaddyAdminException extends RuntimeException {

  enum Reason {
    /** no answer: Caddy is down, restarting, or not where DEVSANCTUM_CADDY_ADMIN_URL says */
    UNREACHABLE,
    /** the configured server is not in Caddy's configuration */
    NO_SERVER,
    /** the server changed between our read and our write (If-Match failed) */
    CHANGED_MEANWHILE,
    /** Caddy refused the call (its answer is in the message) */
    REFUSED
  }

  private final Reason reason;

  CaddyAdminException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
