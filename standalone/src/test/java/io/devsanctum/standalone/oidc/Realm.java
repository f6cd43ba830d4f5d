package io.devsanctum.standalone.oidc;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;

/** A realm of the test's Keycloak, set up through the admin REST API as an organisation's admin would. */
public final class Realm {

  private final Keycloak keycloak;
  private final String name;

  Realm(Keycloak keycloak, String name) {
    this.keycloak = keycloak;
    this.name = name;
  }

  /** The issuer as Keycloak names it to clients that reach it at {@code baseUrl}. */
  public String issuer(String baseUrl) {
    return baseUrl + "/realms/" + name;
  }

  public String issuer() {
    return issuer(keycloak.url());
  }

  /**
   * A confidential client for DevSanctum: the authorization code flow only, PKCE (S256) required,
   * the given redirect URIs (and where the browser may be sent back to after signing out), and the
   * person's groups (by name) in a {@code groups} claim of the ID token.
   */
  public void createClient(String clientId, String secret, List<String> redirectUris, List<String> postSignOutUris) {
    keycloak.admin(HttpMethod.POST, path("/clients"), new JsonObject()
        .put("clientId", clientId)
        .put("secret", secret)
        .put("enabled", true)
        .put("publicClient", false)
        .put("standardFlowEnabled", true)
        .put("directAccessGrantsEnabled", false)
        .put("implicitFlowEnabled", false)
        .put("redirectUris", new JsonArray(redirectUris))
        .put("attributes", new JsonObject().put("pkce.code.challenge.method", "S256")
            .put("post.logout.redirect.uris", String.join("##", postSignOutUris)))
        .put("protocolMappers", new JsonArray().add(new JsonObject()
            .put("name", "groups")
            .put("protocol", "openid-connect")
            .put("protocolMapper", "oidc-group-membership-mapper")
            .put("config", new JsonObject()
                .put("claim.name", "groups")
                .put("full.path", "true") // as docs/oidc.md recommends: names are unique only among siblings
                .put("id.token.claim", "true")
                .put("access.token.claim", "true")
                .put("userinfo.token.claim", "true")))), 201);
  }

  public void createGroup(String group) {
    keycloak.admin(HttpMethod.POST, path("/groups"), new JsonObject().put("name", group), 201);
  }

  /** A user who can sign in with {@code password} at once (no required actions); their id. */
  public String createUser(String username, String email, boolean emailVerified, String firstName, String lastName,
      String password, List<String> groups) {
    HttpResponse<Buffer> created = keycloak.admin(HttpMethod.POST, path("/users"), new JsonObject()
        .put("username", username)
        .put("email", email)
        .put("emailVerified", emailVerified)
        .put("firstName", firstName)
        .put("lastName", lastName)
        .put("enabled", true)
        .put("groups", new JsonArray(groups.stream().map(group -> "/" + group).toList()))
        .put("credentials", new JsonArray().add(new JsonObject()
            .put("type", "password").put("value", password).put("temporary", false))), 201);
    String location = created.getHeader("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Changes fields of the user (e.g. their email) as the organisation's admin would. */
  public void updateUser(String userId, JsonObject fields) {
    keycloak.admin(HttpMethod.PUT, path("/users/" + userId), fields, 204);
  }

  public void removeFromGroup(String userId, String group) {
    keycloak.admin(HttpMethod.DELETE, path("/users/" + userId + "/groups/" + groupId(group)), null, 204);
  }

  /**
   * Rotates the realm's signing key the way an admin does: a new RSA key provider with a higher
   * priority, then the old one removed, so tokens are signed with a key id the JWKS did not list before.
   */
  public void rotateSigningKey() {
    JsonObject realm = keycloak.admin(HttpMethod.GET, path(""), null, 200).bodyAsJsonObject();
    List<JsonObject> old = keycloak.admin(HttpMethod.GET,
            path("/components?type=org.keycloak.keys.KeyProvider"), null, 200).bodyAsJsonArray().stream()
        .map(JsonObject.class::cast)
        .filter(component -> "rsa-generated".equals(component.getString("providerId")))
        .toList();
    keycloak.admin(HttpMethod.POST, path("/components"), new JsonObject()
        .put("name", "rsa-rotated-" + System.nanoTime())
        .put("providerId", "rsa-generated")
        .put("providerType", "org.keycloak.keys.KeyProvider")
        .put("parentId", realm.getString("id"))
        .put("config", new JsonObject()
            .put("priority", new JsonArray().add("1000"))
            .put("keySize", new JsonArray().add("2048"))
            .put("algorithm", new JsonArray().add("RS256"))
            .put("active", new JsonArray().add("true"))
            .put("enabled", new JsonArray().add("true"))), 201);
    old.forEach(component -> keycloak.admin(HttpMethod.DELETE, path("/components/" + component.getString("id")),
        null, 204));
  }

  /** The key ids the realm publishes for signatures now. */
  public List<String> signingKeyIds() {
    return keycloak.admin(HttpMethod.GET, "/realms/" + name + "/protocol/openid-connect/certs", null, 200)
        .bodyAsJsonObject().getJsonArray("keys").stream()
        .map(JsonObject.class::cast)
        .filter(key -> "sig".equals(key.getString("use")))
        .map(key -> key.getString("kid"))
        .toList();
  }

  private String groupId(String group) {
    return keycloak.admin(HttpMethod.GET, path("/groups?exact=true&search=" + group), null, 200).bodyAsJsonArray()
        .stream().map(JsonObject.class::cast)
        .filter(found -> group.equals(found.getString("name")))
        .map(found -> found.getString("id"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group " + group));
  }

  private String path(String rest) {
    return "/admin/realms/" + name + rest;
  }
}
