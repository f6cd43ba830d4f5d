package io.devsanctum.common.contract.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What an audit record says was done (or refused), with its stable wire name ({@code workspace.start})
 * and the kind of thing it is done to. The API document names the action of each audited operation
 * ({@code x-devsanctum-audit}), so a refusal at the gateway is recorded under the same name as the
 * service records the success.
 */
public enum AuditAction {
  SIGN_IN("session.sign-in", AuditTargetType.USER),
  SIGN_OUT("session.sign-out", AuditTargetType.USER),
  PASSWORD_CHANGE("user.password-change", AuditTargetType.USER),
  PASSWORD_RESET("user.password-reset", AuditTargetType.USER),
  TOKEN_CREATE("token.create", AuditTargetType.TOKEN),
  TOKEN_REVOKE("token.revoke", AuditTargetType.TOKEN),
  SSH_KEY_ADD("ssh-key.add", AuditTargetType.SSH_KEY),
  SSH_KEY_REMOVE("ssh-key.remove", AuditTargetType.SSH_KEY),
  USER_CREATE("user.create", AuditTargetType.USER),
  USER_SUSPEND("user.suspend", AuditTargetType.USER),
  USER_REACTIVATE("user.reactivate", AuditTargetType.USER),
  USER_DELETE("user.delete", AuditTargetType.USER),
  USER_ROLE_CHANGE("user.role-change", AuditTargetType.USER),
  USER_QUOTA_CHANGE("user.quota-change", AuditTargetType.USER),
  TEMPLATE_CREATE("template.create", AuditTargetType.TEMPLATE),
  /** A template's display fields or schedule rules changed (a new spec is a {@link #TEMPLATE_VERSION}). */
  TEMPLATE_UPDATE("template.update", AuditTargetType.TEMPLATE),
  TEMPLATE_VERSION("template.version", AuditTargetType.TEMPLATE),
  TEMPLATE_ARCHIVE("template.archive", AuditTargetType.TEMPLATE),
  WORKSPACE_CREATE("workspace.create", AuditTargetType.WORKSPACE),
  WORKSPACE_START("workspace.start", AuditTargetType.WORKSPACE),
  WORKSPACE_STOP("workspace.stop", AuditTargetType.WORKSPACE),
  WORKSPACE_RESTART("workspace.restart", AuditTargetType.WORKSPACE),
  WORKSPACE_UPDATE("workspace.update", AuditTargetType.WORKSPACE),
  WORKSPACE_DELETE("workspace.delete", AuditTargetType.WORKSPACE),
  WORKSPACE_SHARING("workspace.sharing", AuditTargetType.WORKSPACE),
  WORKSPACE_PARAMETERS("workspace.parameters", AuditTargetType.WORKSPACE),
  WORKSPACE_SCHEDULE("workspace.schedule", AuditTargetType.WORKSPACE),
  WORKSPACE_DORMANT("workspace.dormant", AuditTargetType.WORKSPACE),
  WORKSPACE_WAKE("workspace.wake", AuditTargetType.WORKSPACE),
  /** Its owner counted a running workspace as used now (Extend): its autostop deadline moved on. */
  WORKSPACE_EXTEND("workspace.extend", AuditTargetType.WORKSPACE),
  /** The reconciler found a workspace's container gone or stopped on its own. */
  WORKSPACE_FAIL("workspace.fail", AuditTargetType.WORKSPACE),
  /** A browser handed a workspace session for a workspace's own subdomain (proxy, apps). */
  WORKSPACE_ACCESS("workspace.access", AuditTargetType.WORKSPACE),
  /** An SSH connection signed in to a workspace. */
  WORKSPACE_SSH_SESSION("workspace.ssh-session", AuditTargetType.WORKSPACE),
  /** A signed-in SSH connection ended: how long it lasted, the exit status of its last process. */
  WORKSPACE_SSH_SESSION_END("workspace.ssh-session-end", AuditTargetType.WORKSPACE);

  private final String wireName;
  private final AuditTargetType targetType;

  AuditAction(String wireName, AuditTargetType targetType) {
    this.wireName = wireName;
    this.targetType = targetType;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The kind of thing this action is done to. */
  public AuditTargetType targetType() {
    return targetType;
  }

  @JsonCreator
  public static AuditAction fromWire(String name) {
    return Arrays.stream(values()).filter(action -> action.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown audit action " + name));
  }
}
