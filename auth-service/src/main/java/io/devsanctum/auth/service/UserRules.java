package io.devsanctum.auth.service;

import io.devsanctum.common.contract.auth.NewUser;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.validation.TextRules;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules an account must meet. The gateway checks the same shapes against the OpenAPI
 * contract; they are checked here again because services never trust their callers.
 */
public final class UserRules {

  /** Usernames appear in workspace host names, so they are DNS-label safe. */
  static final Pattern USERNAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$");
  static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  static final int MAX_USERNAME_LENGTH = 32;
  static final int MAX_EMAIL_LENGTH = 254;
  static final int MAX_DISPLAY_NAME_LENGTH = 128;
  static final int MIN_PASSWORD_LENGTH = 8;
  static final int MAX_PASSWORD_LENGTH = 256;

  private UserRules() {
  }

  /** Throws a VALIDATION failure naming the first field that breaks a rule. */
  public static void validate(NewUser user) {
    TextRules.singleLine("email", user.email(), MAX_EMAIL_LENGTH);
    TextRules.singleLine("displayName", user.displayName(), MAX_DISPLAY_NAME_LENGTH);
    TextRules.singleLine("password", user.password(), MAX_PASSWORD_LENGTH);
    if (user.email() == null || !EMAIL.matcher(user.email().trim()).matches()) {
      throw new InvalidInputException("email", "must be an email address");
    }
    if (user.username() == null || !USERNAME.matcher(user.username().trim()).matches()) {
      throw new InvalidInputException("username", "1-32 lowercase letters, digits or '-', starting and ending with a letter or digit");
    }
    validatePassword("password", user.password());
  }

  /** Throws a VALIDATION failure naming {@code field} unless the password is 8 to 256 characters. */
  public static void validatePassword(String field, String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
      throw new InvalidInputException(field, "must be 8 to 256 characters");
    }
  }

  /**
   * A username for someone who signs up through an OAuth2 provider, from their handle or name there:
   * accents dropped, lower-cased, every run of other characters a single '-', at most 32 characters
   * ("José_Núñez" → "jose-nunez"); "user" when nothing usable is left.
   */
  public static String usernameFrom(String hint) {
    String ascii = hint == null ? "" : Normalizer.normalize(hint, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String label = shorten(ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", ""),
        MAX_USERNAME_LENGTH);
    return label.isEmpty() ? "user" : label;
  }

  /** The {@code n}th alternative to a taken username ("mia" → "mia-2"), shortened to stay valid. */
  public static String withSuffix(String username, int n) {
    String suffix = "-" + n;
    return shorten(username, MAX_USERNAME_LENGTH - suffix.length()) + suffix;
  }

  private static String shorten(String label, int maxLength) {
    String cut = label.length() > maxLength ? label.substring(0, maxLength) : label;
    return cut.replaceAll("-+$", ""); // a label may not end with '-'
  }

  /** The name shown for the user: the one given, or the username when none was. */
  public static String displayName(NewUser user) {
    return user.displayName() == null || user.displayName().isBlank()
        ? user.username().trim() : user.displayName().trim();
  }
}
