package io.devsanctum.common.bus;

import java.util.List;

/**
 * Event-bus addresses: {@code <service>.<verb>} for request/reply and
 * {@code <service>.events.<noun>} for publishes (docs/architecture.md §4).
 */
public final class Addresses {

  public static final String AUTH = "auth";
  public static final String WORKSPACE = "workspace";
  public static final String PROVISIONER = "provisioner";
  public static final String ROUTING = "routing";
  public static final String GATEWAY = "gateway";

  /** Every service, in the order readiness reports them. */
  public static final List<String> SERVICES = List.of(AUTH, WORKSPACE, PROVISIONER, ROUTING, GATEWAY);

  private Addresses() {
  }

  /** The service an address belongs to: its first segment. */
  public static String serviceOf(String address) {
    int dot = address.indexOf('.');
    return dot < 0 ? address : address.substring(0, dot);
  }

  /** Each service answers a {@link ServiceHealth} here. */
  public static String health(String service) {
    return service + ".health";
  }

  /**
   * Each service publishes here (no body) once it serves: whoever waits for it asks again at once
   * instead of at its next retry.
   */
  public static String started(String service) {
    return service + ".events.started";
  }
}
