package io.devsanctum.common.contract.workspace;

import io.devsanctum.common.bus.Nullable;

/**
 * What a workspace's owner chose for it, within what its template allows ({@link TemplateSchedule}).
 *
 * @param inactivityTimeoutMinutes their own inactivity timeout; null: the template's
 * @param autostart                when it starts on its own; null: never
 */
public record WorkspaceSchedule(@Nullable Integer inactivityTimeoutMinutes, @Nullable Autostart autostart) {

  public static final WorkspaceSchedule NONE = new WorkspaceSchedule(null, null);
}
