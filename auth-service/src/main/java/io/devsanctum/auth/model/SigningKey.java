package io.devsanctum.auth.model;

/** An ES256 key pair that signs access tokens, as PEM (PKCS#8 private, SPKI public). */
public record SigningKey(String kid, String privateKeyPem, String publicKeyPem) {

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + "]"; // never print the private key
  }
}
