package io.devsanctum.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque bearer secrets (refresh and API tokens, OAuth2 states and PKCE verifiers) and the hashes
 * they are stored as. The values carry 256 random bits, so a plain SHA-256 (not a slow password
 * hash) is enough to make a leaked table useless.
 */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 32;

  private Secrets() {
  }

  /** 32 random bytes, base64url without padding. */
  static String newToken() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The PKCE S256 challenge for a verifier (RFC 7636): BASE64URL(SHA-256(verifier)) without padding. */
  static String pkceChallenge(String codeVerifier) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(codeVerifier));
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
