package io.devsanctum.common.contract.audit;

import java.util.Map;

/**
 * The settings an action changed, as they were and as they became (values as text; a structured
 * value as its JSON). Never a secret: passwords, tokens, one-time passwords and private keys are
 * not settings and no action puts them here.
 */
public record AuditChange(Map<String, String> before, Map<String, String> after) {

  public static final AuditChange NONE = new AuditChange(Map.of(), Map.of());

  public AuditChange {
    before = Map.copyOf(AuditText.storable(before));
    after = Map.copyOf(AuditText.storable(after));
  }

  public static AuditChange of(String setting, String before, String after) {
    return new AuditChange(before == null ? Map.of() : Map.of(setting, before),
        after == null ? Map.of() : Map.of(setting, after));
  }

  public static AuditChange created(Map<String, String> after) {
    return new AuditChange(Map.of(), after);
  }
}
