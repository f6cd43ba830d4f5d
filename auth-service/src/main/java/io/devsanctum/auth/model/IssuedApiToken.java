package io.devsanctum.auth.model;

/** A just-created API token with its value, which is shown to its owner this once. */
public record IssuedApiToken(ApiToken token, String value) {

  @Override
  public String toString() {
    return "IssuedApiToken[id=" + token.id() + "]"; // never print the value
  }
}
