package io.devsanctum.common.contract.auth;

/** The SSH host key pair every gateway presents: EC P-256, {@code privateKey} PKCS#8 and {@code publicKey} X.509, base64. */
public record SshHostKey(String privateKey, String publicKey) {

  @Override
  public String toString() {
    return "SshHostKey[" + publicKey + "]"; // never print the private key
  }
}
