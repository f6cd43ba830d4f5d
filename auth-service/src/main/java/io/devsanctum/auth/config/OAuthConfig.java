package io.devsanctum.auth.config;

import io.devsanctum.auth.model.GroupRules;
import io.devsanctum.auth.model.SignUpPolicy;
import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.contract.auth.Role;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OAuth2 sign-in: the GitHub and Google registrations, the OpenID Connect providers, and who may
 * create an account through them.
 */
public record OAuthConfig(OAuthClientConfig github, OAuthClientConfig google, List<OidcProviderConfig> oidc,
    SignUpPolicy signUp) {

  static final String OIDC_PROVIDERS = "DEVSANCTUM_OIDC_PROVIDERS";
  /** Ids appear in URLs and variable names; GitHub and Google keep theirs. */
  private static final Pattern PROVIDER_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Set<String> RESERVED_IDS = Set.of("github", "google");
  private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
  /** With GitHub and Google, what the sign-in page and the contract make room for. */
  static final int MAX_OIDC_PROVIDERS = 14;
  private static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");

  public static OAuthConfig from(Env env) {
    OAuthClientConfig github = client(env, "GITHUB",
        "https://github.com/login/oauth/authorize",
        "https://github.com/login/oauth/access_token",
        "API_URL", "https://api.github.com");
    OAuthClientConfig google = client(env, "GOOGLE",
        "https://accounts.google.com/o/oauth2/v2/auth",
        "https://oauth2.googleapis.com/token",
        "USERINFO_URL", "https://openidconnect.googleapis.com/v1/userinfo");
    SignUpPolicy signUp = new SignUpPolicy(
        env.bool("DEVSANCTUM_OAUTH_OPEN_SIGNUP", false),
        env.list("DEVSANCTUM_OAUTH_ALLOWED_DOMAINS", List.of()));
    return new OAuthConfig(github, google, oidcProviders(env, signUp), signUp);
  }

  private static OAuthClientConfig client(Env env, String provider, String authorizeUrl, String tokenUrl,
      String apiVariable, String apiUrl) {
    String prefix = "DEVSANCTUM_OAUTH_" + provider + "_";
    return new OAuthClientConfig(
        env.optional(prefix + "CLIENT_ID"),
        env.optional(prefix + "CLIENT_SECRET"),
        env.string(prefix + "AUTHORIZE_URL", authorizeUrl),
        env.string(prefix + "TOKEN_URL", tokenUrl),
        env.string(prefix + apiVariable, apiUrl));
  }

  private static List<OidcProviderConfig> oidcProviders(Env env, SignUpPolicy signUp) {
    List<String> ids = env.list(OIDC_PROVIDERS, List.of());
    if (ids.size() > MAX_OIDC_PROVIDERS) {
      throw new ConfigException(OIDC_PROVIDERS + " names " + ids.size() + " providers; at most "
          + MAX_OIDC_PROVIDERS + " are offered");
    }
    Set<String> seen = new HashSet<>();
    List<OidcProviderConfig> providers = new ArrayList<>();
    for (String id : ids) {
      if (!PROVIDER_ID.matcher(id).matches() || RESERVED_IDS.contains(id)) {
        throw new ConfigException(OIDC_PROVIDERS + ": '" + id + "' is not a provider id (lower-case letters, digits"
            + " and '-', starting with a letter, at most 32; not github or google)");
      }
      if (!seen.add(id)) {
        throw new ConfigException(OIDC_PROVIDERS + " names '" + id + "' twice");
      }
      providers.add(oidcProvider(env, id, signUp));
    }
    return providers;
  }

  /** The variables of provider {@code id} are {@code DEVSANCTUM_OIDC_<ID>_...}, '-' written as '_'. */
  static String prefix(String id) {
    return "DEVSANCTUM_OIDC_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
  }

  private static OidcProviderConfig oidcProvider(Env env, String id, SignUpPolicy signUp) {
    String prefix = prefix(id);
    List<String> scopes = new ArrayList<>(env.list(prefix + "SCOPES", DEFAULT_SCOPES));
    if (!scopes.contains("openid")) {
      scopes.add(0, "openid"); // without it the provider issues no ID token
    }
    return new OidcProviderConfig(
        id,
        env.string(prefix + "DISPLAY_NAME", id),
        iconUrl(env, prefix + "ICON_URL"),
        issuer(env, prefix + "ISSUER"),
        required(env, prefix + "CLIENT_ID"),
        required(env, prefix + "CLIENT_SECRET"),
        List.copyOf(scopes),
        env.bool(prefix + "IGNORE_EMAIL_VERIFIED", false),
        env.string(prefix + "GROUPS_CLAIM", "groups"),
        new GroupRules(Set.copyOf(env.list(prefix + "ALLOWED_GROUPS", List.of())),
            roleMapping(env, prefix + "ROLE_MAPPING")),
        new SignUpPolicy(env.bool(prefix + "OPEN_SIGNUP", signUp.open()),
            env.list(prefix + "ALLOWED_DOMAINS", signUp.allowedDomains())),
        env.bool(prefix + "SIGN_OUT_AT_PROVIDER", false),
        maxSignInAge(env, prefix + "MAX_SIGN_IN_HOURS"));
  }

  private static Duration maxSignInAge(Env env, String name) {
    if (env.optional(name) == null) {
      return null;
    }
    int hours = env.integer(name, 0);
    if (hours < 1) {
      throw new ConfigException(name + " must be a number of hours, at least 1, got " + hours);
    }
    return Duration.ofHours(hours);
  }

  private static String required(Env env, String name) {
    String value = env.optional(name);
    if (value == null) {
      throw new ConfigException(name + " is required for every provider in " + OIDC_PROVIDERS);
    }
    return value;
  }

  /**
   * https, so that discovery, the keys that vouch for ID tokens and the code exchange cannot be
   * altered on the way; plain http only to this machine (a provider run beside it, or in tests).
   */
  private static String issuer(Env env, String name) {
    String issuer = required(env, name).replaceAll("/+$", "");
    try {
      URI uri = new URI(issuer);
      if (uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && isLoopback(uri.getHost()))) {
        return issuer;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigException(name + " must be the provider's issuer URL (https://…, no query; http:// only for"
        + " localhost or a loopback address), got '" + issuer + "'");
  }

  /** localhost or a loopback address literal; names are not resolved, as they could resolve elsewhere later. */
  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost") || LOOPBACK_IPV4.matcher(host).matches()) {
      return true;
    }
    try {
      // a bracketed IPv6 literal is parsed, never looked up
      return host.startsWith("[") && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException malformed) {
      return false;
    }
  }

  /** The content security policy lets images come only from this server and data: URLs. */
  private static String iconUrl(Env env, String name) {
    String icon = env.optional(name);
    if (icon != null && !(icon.startsWith("data:image/") || (icon.startsWith("/") && !icon.startsWith("//")))) {
      throw new ConfigException(name + " must be a path on this server (/icons/openid.svg) or a data:image/ URL");
    }
    return icon;
  }

  /** {@code group=role,group=role}; a group name may hold '=', so the role is what follows the last one. */
  private static Map<String, Role> roleMapping(Env env, String name) {
    Map<String, Role> mapping = new LinkedHashMap<>();
    for (String entry : env.list(name, List.of())) {
      int equals = entry.lastIndexOf('=');
      String group = equals < 0 ? "" : entry.substring(0, equals).trim();
      String role = equals < 0 ? "" : entry.substring(equals + 1).trim();
      if (group.isEmpty()) {
        throw new ConfigException(name + ": '" + entry + "' is not group=role");
      }
      try {
        mapping.put(group, Role.fromWire(role));
      } catch (IllegalArgumentException unknown) {
        throw new ConfigException(name + ": '" + role + "' is not a role (" + Role.wireNames() + ")");
      }
    }
    return mapping;
  }
}
