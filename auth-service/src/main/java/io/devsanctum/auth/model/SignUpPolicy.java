package io.devsanctum.auth.model;

import java.util.List;
import java.util.Locale;

/**
 * Who may create their own account by signing in with an OAuth2 provider: anyone when sign-up is
 * open, otherwise only people whose verified email is in one of the allowed domains (exactly that
 * domain, not its subdomains).
 */
public record SignUpPolicy(boolean open, List<String> allowedDomains) {

  public SignUpPolicy {
    allowedDomains = allowedDomains.stream().map(domain -> domain.toLowerCase(Locale.ROOT)).toList();
  }

  /** Whether the owner of this verified email may sign up. */
  public boolean allows(String verifiedEmail) {
    int at = verifiedEmail.lastIndexOf('@');
    return open || (at >= 0 && allowedDomains.contains(verifiedEmail.substring(at + 1).toLowerCase(Locale.ROOT)));
  }
}
