package io.devsanctum.routing.service;

import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.domain.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a registration must satisfy. App names go into host names as they are, and upstream URLs
 * and health paths into the proxy configuration, so they are checked strictly here.
 */
public final class RegistrationRules {

  /** DNS-label safe, and without "--", which separates the app from the slug in a host name. */
  static final Pattern APP_NAME = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
  static final int MAX_APP_NAME = 32;
  static final Pattern HEALTH_PATH = Pattern.compile("^/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$");

  private RegistrationRules() {
  }

  /** Throws a VALIDATION failure naming the first field that breaks a rule. */
  public static void validate(RouteRegistration registration) {
    if (isBlank(registration.workspaceName()) || isBlank(registration.ownerName())) {
      throw invalid("workspaceName, ownerName", "required");
    }
    if (registration.dockerHostId() == null || registration.dockerHostId().isBlank()) {
      throw invalid("dockerHostId", "required");
    }
    if (registration.apps().isEmpty()) {
      throw invalid("apps", "at least one app is required");
    }
    if (registration.apps().stream().filter(AppRoute::isDefault).count() != 1) {
      throw invalid("apps", "exactly one app must be the default");
    }
    Set<String> names = new HashSet<>();
    for (AppRoute app : registration.apps()) {
      validate(app);
      if (!names.add(app.name())) {
        throw invalid("apps", "app " + app.name() + " is listed twice");
      }
    }
  }

  private static void validate(AppRoute app) {
    if (app.name() == null || app.name().length() > MAX_APP_NAME || !APP_NAME.matcher(app.name()).matches()) {
      throw invalid("apps.name", "1-32 lowercase letters or digits, in groups joined by single '-'");
    }
    if (app.port() < 1 || app.port() > 65535) {
      throw invalid("apps.port", "must be 1-65535 (app " + app.name() + ")");
    }
    if (!isHttpUrl(app.upstreamUrl())) {
      throw invalid("apps.upstreamUrl", "must be an http(s)://host:port URL (app " + app.name() + ")");
    }
    if (!HEALTH_PATH.matcher(app.healthPath()).matches()) {
      throw invalid("apps.healthPath", "must be a URL path starting with '/' (app " + app.name() + ")");
    }
  }

  private static boolean isHttpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static RuntimeException invalid(String field, String reason) {
    return new InvalidInputException(field, reason);
  }
}
