package io.devsanctum.common.contract.workspace;

/** Who began a deployment: a person (its {@code initiatorId}), or the platform's schedule. */
public enum Initiator {
  USER,
  SCHEDULE
}
