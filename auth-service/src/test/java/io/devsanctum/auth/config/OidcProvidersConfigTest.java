package io.devsanctum.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.contract.auth.Role;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenID Connect providers as the environment names them: an id list plus each id's settings. */
class OidcProvidersConfigTest {

  private static Map<String, String> provider(String prefix, String issuer) {
    Map<String, String> env = new HashMap<>();
    env.put(prefix + "ISSUER", issuer);
    env.put(prefix + "CLIENT_ID", "devsanctum");
    env.put(prefix + "CLIENT_SECRET", "s3cret");
    return env;
  }

  private static List<OidcProviderConfig> parse(Map<String, String> env) {
    return OAuthConfig.from(new Env(env)).oidc();
  }

  @Test
  void severalProvidersAreReadInTheirOrderWithDefaultsAndOverrides() {
    Map<String, String> env = new HashMap<>();
    env.put("DEVSANCTUM_OIDC_PROVIDERS", "corp-sso, okta");
    env.put("DEVSANCTUM_OAUTH_ALLOWED_DOMAINS", "corp.example");
    env.putAll(provider("DEVSANCTUM_OIDC_CORP_SSO_", "https://sso.corp.example/realms/dev/"));
    env.put("DEVSANCTUM_OIDC_CORP_SSO_DISPLAY_NAME", "Corp SSO");
    env.put("DEVSANCTUM_OIDC_CORP_SSO_SCOPES", "email,profile,groups");
    env.put("DEVSANCTUM_OIDC_CORP_SSO_ROLE_MAPPING", "ops=admin, devs = member");
    env.put("DEVSANCTUM_OIDC_CORP_SSO_ALLOWED_GROUPS", "ops,devs");
    env.put("DEVSANCTUM_OIDC_CORP_SSO_OPEN_SIGNUP", "true");
    env.putAll(provider("DEVSANCTUM_OIDC_OKTA_", "https://corp.okta.example/oauth2/default"));
    env.put("DEVSANCTUM_OIDC_OKTA_IGNORE_EMAIL_VERIFIED", "true");
    env.put("DEVSANCTUM_OIDC_OKTA_ICON_URL", "/icons/openid.svg");

    List<OidcProviderConfig> providers = parse(env);

    assertThat(providers).extracting(OidcProviderConfig::id).containsExactly("corp-sso", "okta");
    OidcProviderConfig sso = providers.get(0);
    assertThat(sso.issuer()).isEqualTo("https://sso.corp.example/realms/dev");
    assertThat(sso.displayName()).isEqualTo("Corp SSO");
    assertThat(sso.scopes()).containsExactly("openid", "email", "profile", "groups");
    assertThat(sso.groups().roleByGroup()).isEqualTo(Map.of("ops", Role.OWNER, "devs", Role.MEMBER));
    assertThat(sso.groups().allowedGroups()).containsExactlyInAnyOrder("ops", "devs");
    assertThat(sso.signUp().open()).isTrue();
    assertThat(sso.ignoreEmailVerified()).isFalse();
    assertThat(sso.groupsClaim()).isEqualTo("groups");
    assertThat(sso.signOutAtProvider()).isFalse();
    assertThat(sso.maxSignInAge()).isNull();
    OidcProviderConfig okta = providers.get(1);
    assertThat(okta.displayName()).isEqualTo("okta");
    assertThat(okta.scopes()).containsExactly("openid", "email", "profile");
    assertThat(okta.ignoreEmailVerified()).isTrue();
    assertThat(okta.iconUrl()).isEqualTo("/icons/openid.svg");
    assertThat(okta.signUp().open()).isFalse();
    assertThat(okta.signUp().allows("mia@corp.example")).isTrue(); // the global allowed domains
    assertThat(okta.groups().roleByGroup()).isEmpty();
  }

  @Test
  void aMissingRequiredSettingNamesItsVariable() {
    Map<String, String> env = provider("DEVSANCTUM_OIDC_KEYCLOAK_", "https://sso.example/realms/x");
    env.put("DEVSANCTUM_OIDC_PROVIDERS", "keycloak");
    env.remove("DEVSANCTUM_OIDC_KEYCLOAK_CLIENT_SECRET");

    assertThatThrownBy(() -> parse(env)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DEVSANCTUM_OIDC_KEYCLOAK_CLIENT_SECRET is required");
  }

  @Test
  void badIdsIssuersIconsAndRolesAreRefusedWithTheVariableNamed() {
    assertThatThrownBy(() -> parse(Map.of("DEVSANCTUM_OIDC_PROVIDERS", "github"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'github' is not a provider id");
    assertThatThrownBy(() -> parse(Map.of("DEVSANCTUM_OIDC_PROVIDERS", "Corp_SSO")))
        .hasMessageContaining("'Corp_SSO' is not a provider id");

    Map<String, String> env = provider("DEVSANCTUM_OIDC_SSO_", "sso.example/realms/x");
    env.put("DEVSANCTUM_OIDC_PROVIDERS", "sso");
    assertThatThrownBy(() -> parse(env)).hasMessageStartingWith("DEVSANCTUM_OIDC_SSO_ISSUER must be the provider's issuer URL");

    env.put("DEVSANCTUM_OIDC_SSO_ISSUER", "https://sso.example/realms/x");
    env.put("DEVSANCTUM_OIDC_SSO_ICON_URL", "https://cdn.example/logo.png");
    assertThatThrownBy(() -> parse(env)).hasMessageStartingWith("DEVSANCTUM_OIDC_SSO_ICON_URL must be a path on this server");

    env.remove("DEVSANCTUM_OIDC_SSO_ICON_URL");
    env.put("DEVSANCTUM_OIDC_SSO_MAX_SIGN_IN_HOURS", "0");
    assertThatThrownBy(() -> parse(env)).hasMessage("DEVSANCTUM_OIDC_SSO_MAX_SIGN_IN_HOURS must be a number of hours, at least 1, got 0");

    env.put("DEVSANCTUM_OIDC_SSO_MAX_SIGN_IN_HOURS", "12");
    assertThat(parse(env).get(0).maxSignInAge()).isEqualTo(Duration.ofHours(12));
    env.put("DEVSANCTUM_OIDC_SSO_ROLE_MAPPING", "ops=superuser");
    assertThatThrownBy(() -> parse(env))
        .hasMessage("DEVSANCTUM_OIDC_SSO_ROLE_MAPPING: 'superuser' is not a role (owner, user-admin, template-admin, auditor, member)");

    env.put("DEVSANCTUM_OIDC_SSO_ROLE_MAPPING", "ops");
    assertThatThrownBy(() -> parse(env)).hasMessage("DEVSANCTUM_OIDC_SSO_ROLE_MAPPING: 'ops' is not group=role");
  }

  @Test
  void anIssuerMustBeHttpsUnlessItIsOnThisMachine() {
    for (String remote : List.of("http://sso.example/realms/x", "http://10.0.0.5:8080/realms/x",
        "http://localhost.evil.example/realms/x", "http://127.0.0.1.nip.io/realms/x", "ftp://sso.example/realms/x")) {
      Map<String, String> env = provider("DEVSANCTUM_OIDC_SSO_", remote);
      env.put("DEVSANCTUM_OIDC_PROVIDERS", "sso");
      assertThatThrownBy(() -> parse(env)).as(remote).isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("DEVSANCTUM_OIDC_SSO_ISSUER must be the provider's issuer URL (https://…");
    }
    for (String local : List.of("https://sso.example/realms/x", "http://127.0.0.1:8080/realms/x",
        "http://localhost:8080/realms/x", "http://[::1]:8080/realms/x", "http://127.0.0.2/realms/x")) {
      Map<String, String> env = provider("DEVSANCTUM_OIDC_SSO_", local);
      env.put("DEVSANCTUM_OIDC_PROVIDERS", "sso");
      assertThat(parse(env)).as(local).extracting(OidcProviderConfig::issuer).containsExactly(local);
    }
  }

  @Test
  void aProviderNamedTwiceIsRefused() {
    Map<String, String> env = provider("DEVSANCTUM_OIDC_SSO_", "https://sso.example/realms/x");
    env.put("DEVSANCTUM_OIDC_PROVIDERS", "sso,sso");

    assertThatThrownBy(() -> parse(env)).hasMessage("DEVSANCTUM_OIDC_PROVIDERS names 'sso' twice");
  }

  @Test
  void aGroupNameMayHoldAnEqualsSign() {
    Map<String, String> env = provider("DEVSANCTUM_OIDC_SSO_", "https://sso.example/realms/x");
    env.put("DEVSANCTUM_OIDC_PROVIDERS", "sso");
    env.put("DEVSANCTUM_OIDC_SSO_ROLE_MAPPING", "CN=Ops=admin");

    assertThat(parse(env).get(0).groups().roleByGroup()).isEqualTo(Map.of("CN=Ops", Role.OWNER));
  }
}
