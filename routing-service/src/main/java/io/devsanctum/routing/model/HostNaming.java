package io.devsanctum.routing.model;

import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteRegistration;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Host names of workspace apps (docs/architecture.md §8): the default app at {@code <slug>.<base-domain>},
 * the others at {@code <app>--<slug>.<base-domain>}, with slug {@code <workspace>--<owner>}.
 *
 * <p>Names are reduced to a-z, 0-9 and single '-', so {@code --} only ever separates parts and
 * two different name pairs cannot produce the same slug by shifting a hyphen. A label longer than
 * 63 characters is cut and ends in a hash of the workspace id, so long names of different
 * workspaces never collide.
 */
public final class HostNaming {

  static final int MAX_LABEL = 63;
  static final int HASH_CHARS = 8;
  private static final String SEPARATOR = "--";
  /** Browsers reject labels starting with the IDNA prefix unless they are valid punycode. */
  private static final String ACE_PREFIX = "xn--";

  private final String baseDomain;

  public HostNaming(String baseDomain) {
    this.baseDomain = baseDomain.toLowerCase(Locale.ROOT);
  }

  /**
   * The host sets the workspace may use, in order of preference: under the plain slug, then under
   * the slug made unique by a hash of the workspace id (the same set when the plain one was cut).
   */
  public List<WorkspaceHosts> candidates(RouteRegistration registration) {
    String base = avoidAcePrefix(
        part(registration.workspaceName(), "workspace") + SEPARATOR + part(registration.ownerName(), "user"));
    String key = registration.workspaceId().toString();
    String plain = base.length() <= MAX_LABEL ? base : withHash(base, key);
    String unique = withHash(base, key);
    return (plain.equals(unique) ? List.of(plain) : List.of(plain, unique)).stream()
        .map(slug -> hosts(slug, registration))
        .toList();
  }

  /**
   * The hosts to use: among the candidates no other workspace holds a host of, the one the workspace
   * already holds a host of (so re-registering never renames it), else the first; empty when none is free.
   */
  public static Optional<WorkspaceHosts> choose(
      List<WorkspaceHosts> candidates, Set<String> heldByWorkspace, Set<String> heldByOthers) {
    List<WorkspaceHosts> free = candidates.stream()
        .filter(c -> c.hostByApp().values().stream().noneMatch(heldByOthers::contains))
        .toList();
    return free.stream()
        .filter(c -> c.hostByApp().values().stream().anyMatch(heldByWorkspace::contains))
        .findFirst()
        .or(() -> free.stream().findFirst());
  }

  /** A name reduced to a DNS-label-safe part: ASCII letters and digits, single '-' between runs. */
  static String part(String name, String fallback) {
    String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String dashed = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    String trimmed = trimHyphens(dashed);
    return trimmed.isEmpty() ? fallback : trimmed;
  }

  private WorkspaceHosts hosts(String slug, RouteRegistration registration) {
    Map<String, String> hostByApp = new LinkedHashMap<>();
    for (AppRoute app : registration.apps()) {
      String label = app.isDefault() ? slug : fit(avoidAcePrefix(app.name() + SEPARATOR + slug),
          registration.workspaceId() + "/" + app.name());
      hostByApp.put(app.name(), label + "." + baseDomain);
    }
    return new WorkspaceHosts(slug, hostByApp);
  }

  private static String fit(String label, String key) {
    return label.length() <= MAX_LABEL ? label : withHash(label, key);
  }

  /** The label cut to leave room for '-' and a hash of {@code key}, which it then ends in. */
  private static String withHash(String label, String key) {
    String head = trimHyphens(label.substring(0, Math.min(label.length(), MAX_LABEL - 1 - HASH_CHARS)));
    return head.isEmpty() ? hash(key) : head + "-" + hash(key);
  }

  private static String avoidAcePrefix(String label) {
    return label.startsWith(ACE_PREFIX) ? "w-" + label : label;
  }

  private static String trimHyphens(String value) {
    return value.replaceAll("^-+|-+$", "");
  }

  private static String hash(String key) {
    return HexFormat.of().formatHex(Sha256.of(key), 0, HASH_CHARS / 2);
  }
}
