package io.devsanctum.auth.service;

import io.devsanctum.auth.repository.ServerSecretRepository;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device tokens (OWASP's "device cookies"): handed to a client when it signs in to an account with
 * the right password, and presented on its later sign-ins, where they prove that this client has
 * known the password before. The sign-in limits count such a client on its own, so failures from
 * elsewhere never keep it out. A token is {@code <id>.<HMAC-SHA256(key, userId ":" id)>}, signed with
 * a key kept in the database (one for every instance); it is no credential by itself.
 */
public final class DeviceTokens {

  private static final String SECRET_NAME = "device-token-key";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] key;

  private DeviceTokens(byte[] key) {
    this.key = key;
  }

  public static Future<DeviceTokens> load(ServerSecretRepository secrets) {
    byte[] candidate = new byte[32];
    RANDOM.nextBytes(candidate);
    return secrets.getOrCreate(SECRET_NAME, candidate).map(DeviceTokens::new);
  }

  /** A new token for a client of {@code userId}. */
  public String issue(UUID userId) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String deviceId = B64.encodeToString(id);
    return deviceId + "." + mac(userId, deviceId);
  }

  /** The device id of {@code token} when it is a valid token of {@code userId}; null otherwise. */
  public String deviceId(String token, UUID userId) {
    if (token == null || token.length() > 128) {
      return null;
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    String deviceId = token.substring(0, dot);
    byte[] expected = mac(userId, deviceId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))
        ? deviceId : null;
  }

  private String mac(UUID userId, String deviceId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return B64.encodeToString(mac.doFinal((userId + ":" + deviceId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
