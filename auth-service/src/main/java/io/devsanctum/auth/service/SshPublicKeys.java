package io.devsanctum.auth.service;

import io.devsanctum.common.domain.InvalidInputException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * OpenSSH public keys as users paste them ({@code type base64 [comment]}): read, checked and
 * fingerprinted the way {@code ssh-keygen -l} does (SHA-256 of the key blob, base64 without padding).
 * The one place that decides what a key is, for registration and for sign-in alike.
 */
public final class SshPublicKeys {

  /** A key in its canonical one-line form (no comment) and its fingerprint. */
  public record Parsed(String publicKey, String fingerprint) {
  }

  private static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
      "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
      "sk-ecdsa-sha2-nistp256@openssh.com");
  private static final int MIN_RSA_BITS = 2048;
  private static final int MAX_BLOB_BYTES = 16 * 1024;

  private SshPublicKeys() {
  }

  /** VALIDATION on {@code field} for anything that is not a supported, well-formed public key. */
  public static Parsed parse(String field, String line) {
    String[] parts = line.trim().split("\\s+", 3);
    if (parts.length < 2 || !TYPES.contains(parts[0])) {
      throw new InvalidInputException(field, "must be an OpenSSH public key (ssh-ed25519, ecdsa-sha2-nistp256/384/521 "
          + "or ssh-rsa, as in a .pub file)");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException notBase64) {
      throw new InvalidInputException(field, "the key's data is not base64");
    }
    if (blob.length > MAX_BLOB_BYTES) {
      throw new InvalidInputException(field, "the key is too long");
    }
    try {
      ByteBuffer reader = ByteBuffer.wrap(blob);
      String type = new String(string(reader), StandardCharsets.US_ASCII);
      if (!type.equals(parts[0])) {
        throw new InvalidInputException(field, "the key's data says " + type + ", not " + parts[0]);
      }
      if (type.equals("ssh-rsa")) {
        string(reader); // public exponent
        int bits = new BigInteger(1, string(reader)).bitLength();
        if (bits < MIN_RSA_BITS) {
          throw new InvalidInputException(field, "RSA keys need at least " + MIN_RSA_BITS + " bits (this one has " + bits + ")");
        }
      } else {
        string(reader); // the curve's or Ed25519's key material
      }
    } catch (RuntimeException truncated) {
      if (truncated instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw new InvalidInputException(field, "the key's data is truncated");
    }
    return new Parsed(parts[0] + " " + Base64.getEncoder().encodeToString(blob), fingerprint(blob));
  }

  private static byte[] string(ByteBuffer reader) {
    int length = reader.getInt();
    if (length < 0 || length > reader.remaining()) {
      throw new IllegalArgumentException("length beyond the data");
    }
    byte[] value = new byte[length];
    reader.get(value);
    return value;
  }

  private static String fingerprint(byte[] blob) {
    try {
      return "SHA256:" + Base64.getEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
