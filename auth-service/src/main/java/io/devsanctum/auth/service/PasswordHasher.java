package io.devsanctum.auth.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 (the JDK's), 310,000 iterations and a 16-byte random salt, as OWASP
 * recommends. Hashing takes ~100 ms of CPU, so it runs on a dedicated worker pool and never
 * on an event loop. Stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so the cost
 * can be raised later without invalidating existing hashes.
 */
public class PasswordHasher {

  static final int ITERATIONS = 310_000;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WorkerExecutor workers;

  public PasswordHasher(Vertx vertx) {
    this.workers = vertx.createSharedWorkerExecutor("password-hashing", 2);
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> hashNow(password), false);
  }

  /** Completes with false for a wrong password or a null/malformed stored hash. */
  public Future<Boolean> verify(String password, String storedHash) {
    return workers.executeBlocking(() -> verifyNow(password, storedHash), false);
  }

  static String hashNow(String password) throws GeneralSecurityException {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  static boolean verifyNow(String password, String storedHash) throws GeneralSecurityException {
    if (storedHash == null) {
      // spend the same time as a real check so unknown users cannot be told apart by timing
      derive(password, new byte[SALT_BYTES], ITERATIONS);
      return false;
    }
    String[] parts = storedHash.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[3]);
    byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
    }
  }
}
