package io.devsanctum.common.contract.audit;

import io.devsanctum.common.bus.Nullable;

/**
 * How it ended: done ({@code success}), or refused with the HTTP status and problem code the
 * caller got ({@code 403}, {@code forbidden}).
 */
public record AuditResult(boolean success, @Nullable Integer status, @Nullable String code) {

  public static final AuditResult SUCCESS = new AuditResult(true, null, null);

  public static AuditResult refused(int status, String code) {
    return new AuditResult(false, status, code);
  }
}
