package io.devsanctum.common.contract.workspace;

/** Why the schedule began a deployment. */
public enum ScheduleReason {
  /** Unused for longer than its inactivity timeout: stopped. */
  INACTIVITY,
  /** Its autostart time came: started. */
  AUTOSTART
}
