package io.devsanctum.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** An RS256 key as an identity provider holds one: it signs tokens, and its public half is published as a JWK. */
public final class RsaSigningKey {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final JWTAuth signer;
  private final JsonObject publicJwk;

  public RsaSigningKey(Vertx vertx, String kid) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate RSA keys", e);
    }
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("RS256").setId(kid).setBuffer(pem)));
    RSAPublicKey rsa = (RSAPublicKey) pair.getPublic();
    publicJwk = new JsonObject().put("kid", kid).put("kty", "RSA").put("alg", "RS256").put("use", "sig")
        .put("n", B64.encodeToString(magnitude(rsa.getModulus())))
        .put("e", B64.encodeToString(magnitude(rsa.getPublicExponent())));
  }

  /** The public key, as a JWKS lists it. */
  public JsonObject publicJwk() {
    return publicJwk.copy();
  }

  /** {@code claims} as a signed JWT, {@code kid} in its header. */
  public String sign(JsonObject claims) {
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("RS256"));
  }

  /** JWK integers are big-endian without the sign byte BigInteger adds. */
  private static byte[] magnitude(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
