package io.devsanctum.common.contract.workspace;

/** Why the schedule began a deployment. */
public enum ScheduleReason {
  /** Unused for longer than its inactivity timeout: stopped. */
  INACTIVITY,
  /** Its autostart time came: started. */
  AUTOSTART,
  /** Stopped and unused for its template's dormancy age: made dormant; dormant for its deletion age: deleted. */
  DORMANCY,
  /** Failed for longer than its template keeps failed workspaces: deleted. */
  FAILED_TTL
}
