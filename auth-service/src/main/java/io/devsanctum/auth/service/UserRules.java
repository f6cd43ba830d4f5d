package io.devsanctum.auth.service;

import io.devsanctum.auth.model.NewUser;
import io.devsanctum.common.bus.ErrorCode;
import java.util.regex.Pattern;

/**
 * The rules an account must meet. The gateway checks the same shapes against the OpenAPI
 * contract; they are checked here again because services never trust their callers.
 */
public final class UserRules {

  /** Usernames appear in workspace host names, so they are DNS-label safe. */
  static final Pattern USERNAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$");
  static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  static final int MIN_PASSWORD_LENGTH = 8;
  static final int MAX_PASSWORD_LENGTH = 256;

  private UserRules() {
  }

  /** Throws a VALIDATION failure naming the first field that breaks a rule. */
  public static void validate(NewUser user) {
    if (user.email() == null || !EMAIL.matcher(user.email().trim()).matches()) {
      throw ErrorCode.VALIDATION.exception("email: must be an email address");
    }
    if (user.username() == null || !USERNAME.matcher(user.username().trim()).matches()) {
      throw ErrorCode.VALIDATION.exception(
          "username: 1-32 lowercase letters, digits or '-', starting and ending with a letter or digit");
    }
    if (user.password() == null || user.password().length() < MIN_PASSWORD_LENGTH
        || user.password().length() > MAX_PASSWORD_LENGTH) {
      throw ErrorCode.VALIDATION.exception("password: must be 8 to 256 characters");
    }
  }

  /** The name shown for the user: the one given, or the username when none was. */
  public static String displayName(NewUser user) {
    return user.displayName() == null || user.displayName().isBlank()
        ? user.username().trim() : user.displayName().trim();
  }
}
