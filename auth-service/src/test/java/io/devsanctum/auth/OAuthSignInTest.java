package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.CLIENT_ADDRESS;
import static io.devsanctum.auth.FakeOAuthProviders.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.auth.FakeOAuthProviders.Person;
import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OAuth2 sign-in end to end: the service talks real HTTP to a local server playing GitHub and
 * Google, on a real PostgreSQL, driven over the event bus as the gateway drives it.
 */
class OAuthSignInTest {

  private static final String ATTEMPT_INVALID = "sign-in attempt expired or invalid; start again";

  private final FakeOAuthProviders providers = new FakeOAuthProviders();
  private AuthServiceFixture auth;
  private JsonObject admin;

  /** Starts the service registered with both fake providers, plus {@code settings}, and sets up its admin. */
  private void start(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(providers.env());
    env.putAll(settings);
    auth = new AuthServiceFixture(env);
    admin = auth.createFirstAdmin();
  }

  @AfterEach
  void stop() {
    if (auth != null) {
      auth.close();
    }
    providers.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void withOpenSignUpANewPersonBecomesAMemberAndSignsInAgainAsTheSameUser(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("4711", "Mia_J", "Mia Jones", "mia@example.org", true));

    JsonObject session = signIn(provider);

    JsonObject user = session.getJsonObject("user");
    assertThat(user.getString("email")).isEqualTo("mia@example.org");
    assertThat(user.getString("username")).isEqualTo(provider.equals("github") ? "mia-j" : "mia-jones");
    assertThat(user.getString("displayName")).isEqualTo("Mia Jones");
    assertThat(user.getString("role")).isEqualTo("member");
    assertThat(session.getString("accessToken")).isNotBlank();
    assertThat(auth.request(AuthContract.SESSION_REFRESH,
        new JsonObject().put("refreshToken", session.getString("refreshToken")), null).getString("accessToken"))
        .isNotBlank();
    // no password was set, so only the provider signs this member in
    auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia@example.org", "any-password"),
        null, ErrorCode.UNAUTHENTICATED);

    // the identity is linked: a changed email at the provider still finds the same user
    providers.signsInAs(provider, new Person("4711", "Mia_J", "Mia Jones", "mia@new.example", false));
    assertThat(signIn(provider).getJsonObject("user").getString("id")).isEqualTo(user.getString("id"));
    assertThat(userCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void anAllowedDomainMaySignUpWhileSignUpIsClosed(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_ALLOWED_DOMAINS", "corp.example, Example.org"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));

    assertThat(signIn(provider).getJsonObject("user").getString("username")).isEqualTo("ada");

    providers.signsInAs(provider, new Person("2", "eve", "Eve", "eve@sub.example.org", true));
    assertThat(refusedSignIn(provider, ErrorCode.FORBIDDEN))
        .isEqualTo("sign-up is closed; ask an admin for an account");
    assertThat(userCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void whenSignUpIsClosedANewPersonIsForbiddenAndNoUserIsCreated(String provider) {
    start(Map.of());
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));

    assertThat(refusedSignIn(provider, ErrorCode.FORBIDDEN))
        .isEqualTo("sign-up is closed; ask an admin for an account");
    assertThat(userCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aVerifiedEmailLinksTheExistingUser(String provider) {
    start(Map.of());
    JsonObject member = auth.createMember(admin, "mia");
    providers.signsInAs(provider, new Person("99", "someone-else", "Mia", "MIA@example.com", true));

    assertThat(signIn(provider).getJsonObject("user").getString("id")).isEqualTo(member.getString("id"));

    providers.signsInAs(provider, new Person("99", "someone-else", "Mia", "mia@elsewhere.example", true));
    assertThat(signIn(provider).getJsonObject("user").getString("id")).isEqualTo(member.getString("id"));
    assertThat(userCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void anUnverifiedEmailIsNeitherLinkedNorSignedUp(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    auth.createMember(admin, "mia");
    String name = provider.equals("github") ? "GitHub" : "Google";

    providers.signsInAs(provider, new Person("99", "mallory", "Mallory", "mia@example.com", false));
    assertThat(refusedSignIn(provider, ErrorCode.FORBIDDEN)).isEqualTo("your " + name + " email is not verified");

    providers.signsInAs(provider, new Person("99", "mallory", "Mallory", "mallory@example.org", false));
    assertThat(refusedSignIn(provider, ErrorCode.FORBIDDEN)).isEqualTo("your " + name + " email is not verified");
    assertThat(userCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aTakenUsernameGetsANumberedSuffix(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    auth.createMember(admin, "mia");
    auth.createMember(admin, "mia-2");
    providers.signsInAs(provider, new Person("7", "mia", "mia", "mia.other@example.org", true));

    assertThat(signIn(provider).getJsonObject("user").getString("username")).isEqualTo("mia-3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aSuspendedUserCannotSignIn(String provider) {
    start(Map.of());
    JsonObject member = auth.createMember(admin, "mia");
    providers.signsInAs(provider, new Person("5", "mia", "Mia", "mia@example.com", true));
    signIn(provider);

    auth.request(AuthContract.USERS_SUSPEND, new JsonObject().put("userId", member.getString("id")), admin);

    refusedSignIn(provider, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void signUpWaitsUntilTheFirstAdminHasBeenSetUp() {
    Map<String, String> env = new HashMap<>(providers.env());
    env.put("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true");
    auth = new AuthServiceFixture(env);
    providers.signsInAs("github", new Person("1", "ada", "Ada", "ada@example.org", true));

    refusedSignIn("github", ErrorCode.FORBIDDEN);
    assertThat(auth.request(AuthContract.SETUP_STATUS, new JsonObject(), null).getBoolean("firstUserRequired"))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void theAuthorizeUrlAsksForTheProvidersScopesWithAnS256Challenge(String provider) {
    start(Map.of());
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));

    JsonObject begun = begin(provider);
    providers.consent(begun.getString("authorizeUrl"));

    MultiMap asked = providers.authorizeRequests.get(0);
    assertThat(asked.get("scope")).isEqualTo(provider.equals("github") ? "read:user user:email" : "openid email profile");
    assertThat(asked.get("client_id")).isEqualTo(FakeOAuthProviders.clientId(provider));
    assertThat(asked.get("redirect_uri")).isEqualTo(REDIRECT_URI);
    assertThat(asked.get("state")).isEqualTo(begun.getString("state")).matches("[A-Za-z0-9_-]{43}");
    assertThat(asked.get("code_challenge_method")).isEqualTo("S256");
    assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aStateIsSpentByItsFirstUse(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    JsonObject completion = consented(provider);

    auth.request(AuthContract.OAUTH_COMPLETE, completion, null);

    assertThat(auth.failure(AuthContract.OAUTH_COMPLETE, completion, null, ErrorCode.UNAUTHENTICATED).getMessage())
        .isEqualTo(ATTEMPT_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void anUnknownStateOrAnotherProvidersStateIsRefused(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    JsonObject completion = consented(provider);
    String otherProvider = provider.equals("github") ? "google" : "github";

    assertThat(auth.failure(AuthContract.OAUTH_COMPLETE, completion.copy().put("state", "made-up-state"), null,
        ErrorCode.UNAUTHENTICATED).getMessage()).isEqualTo(ATTEMPT_INVALID);
    assertThat(auth.failure(AuthContract.OAUTH_COMPLETE, completion.copy().put("provider", otherProvider), null,
        ErrorCode.UNAUTHENTICATED).getMessage()).isEqualTo(ATTEMPT_INVALID);
    // presenting the state to the wrong provider spent it
    auth.failure(AuthContract.OAUTH_COMPLETE, completion, null, ErrorCode.UNAUTHENTICATED);
    assertThat(userCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void anExpiredStateIsRefused(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    JsonObject completion = consented(provider);

    auth.sql("UPDATE auth.oauth_flows SET expires_at = now() - interval '1 second'");

    assertThat(auth.failure(AuthContract.OAUTH_COMPLETE, completion, null, ErrorCode.UNAUTHENTICATED).getMessage())
        .isEqualTo(ATTEMPT_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aCodeRedeemedWithTheWrongPkceVerifierIsRefusedByTheProvider(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    JsonObject completion = consented(provider);

    // as if the code had been intercepted and replayed from a sign-in that does not hold its verifier
    auth.sql("UPDATE auth.oauth_flows SET code_verifier = 'a-verifier-that-does-not-match-the-challenge-x'");

    assertThat(auth.failure(AuthContract.OAUTH_COMPLETE, completion, null, ErrorCode.UNAUTHENTICATED).getMessage())
        .endsWith("did not confirm the sign-in; start again");
    assertThat(providers.refusedExchanges).hasValue(1);
    assertThat(userCount()).isEqualTo(1);
  }

  @Test
  void onlyProvidersWithBothIdAndSecretAreOfferedAndOthersAreNotFound() {
    Map<String, String> env = new HashMap<>(providers.env());
    env.remove("DEVSANCTUM_OAUTH_GOOGLE_CLIENT_SECRET");
    auth = new AuthServiceFixture(env);

    JsonObject listed = auth.request(AuthContract.OAUTH_PROVIDERS, new JsonObject(), null);
    assertThat(listed.getJsonArray("providers"))
        .isEqualTo(new JsonArray().add(new JsonObject().put("id", "github").put("name", "GitHub").put("available", true)));

    auth.failure(AuthContract.OAUTH_BEGIN, beginBody("google"), null, ErrorCode.NOT_FOUND);
    auth.failure(AuthContract.OAUTH_BEGIN, beginBody("gitlab"), null, ErrorCode.NOT_FOUND);
    auth.failure(AuthContract.OAUTH_COMPLETE, new JsonObject().put("provider", "google").put("state", "s")
        .put("code", "c").put("clientAddress", CLIENT_ADDRESS), null, ErrorCode.NOT_FOUND);
  }

  @Test
  void bothConfiguredProvidersAreOfferedGitHubFirst() {
    start(Map.of());

    assertThat(auth.request(AuthContract.OAUTH_PROVIDERS, new JsonObject(), null).getJsonArray("providers"))
        .isEqualTo(new JsonArray()
            .add(new JsonObject().put("id", "github").put("name", "GitHub").put("available", true))
            .add(new JsonObject().put("id", "google").put("name", "Google").put("available", true)));
  }

  @Test
  void anOpenIdConnectProviderThatDoesNotAnswerIsOfferedAsUnavailableWhileTheOthersAndPasswordsWork() throws Exception {
    int nothingListens;
    try (ServerSocket socket = new ServerSocket(0)) {
      nothingListens = socket.getLocalPort();
    }
    start(Map.of("DEVSANCTUM_OIDC_PROVIDERS", "corp",
        "DEVSANCTUM_OIDC_CORP_ISSUER", "http://127.0.0.1:" + nothingListens + "/realms/corp",
        "DEVSANCTUM_OIDC_CORP_CLIENT_ID", "devsanctum",
        "DEVSANCTUM_OIDC_CORP_CLIENT_SECRET", "corp-secret",
        "DEVSANCTUM_OIDC_CORP_DISPLAY_NAME", "Corp SSO",
        "DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));

    assertThat(auth.request(AuthContract.OAUTH_PROVIDERS, new JsonObject(), null).getJsonArray("providers"))
        .isEqualTo(new JsonArray()
            .add(new JsonObject().put("id", "github").put("name", "GitHub").put("available", true))
            .add(new JsonObject().put("id", "google").put("name", "Google").put("available", true))
            .add(new JsonObject().put("id", "corp").put("name", "Corp SSO").put("available", false)));
    assertThat(auth.failure(AuthContract.OAUTH_BEGIN, beginBody("corp"), null, ErrorCode.UNAVAILABLE).getMessage())
        .isEqualTo("Corp SSO cannot be reached right now; sign in another way or try again later");

    providers.signsInAs("github", new Person("8", "ada", "Ada", "ada@example.org", true));
    assertThat(signIn("github").getJsonObject("user").getString("username")).isEqualTo("ada");
    assertThat(auth.signIn("admin", AuthServiceFixture.ADMIN_PASSWORD).getString("accessToken")).isNotBlank();
  }

  @Test
  void withNoProviderConfiguredNoneIsOffered() {
    auth = new AuthServiceFixture(Map.of());

    assertThat(auth.request(AuthContract.OAUTH_PROVIDERS, new JsonObject(), null).getJsonArray("providers"))
        .isEmpty();
    auth.failure(AuthContract.OAUTH_BEGIN, beginBody("github"), null, ErrorCode.NOT_FOUND);
  }

  @Test
  void beginRefusesARedirectUriThatIsNotAnAbsoluteHttpUrl() {
    start(Map.of());

    auth.failure(AuthContract.OAUTH_BEGIN, beginBody("github").put("redirectUri", "/callback"), null,
        ErrorCode.VALIDATION);
    auth.failure(AuthContract.OAUTH_BEGIN, beginBody("github").put("redirectUri", "javascript:alert(1)"), null,
        ErrorCode.VALIDATION);
  }

  private JsonObject signIn(String provider) {
    return auth.request(AuthContract.OAUTH_COMPLETE, consented(provider), null);
  }

  private String refusedSignIn(String provider, ErrorCode code) {
    return auth.failure(AuthContract.OAUTH_COMPLETE, consented(provider), null, code).getMessage();
  }

  /** Begins a sign-in, consents at the provider, and returns the request that completes it. */
  private JsonObject consented(String provider) {
    JsonObject begun = begin(provider);
    MultiMap returned = providers.consent(begun.getString("authorizeUrl"));
    assertThat(returned.get("state")).isEqualTo(begun.getString("state"));
    return new JsonObject().put("provider", provider).put("state", returned.get("state"))
        .put("code", returned.get("code")).put("clientAddress", CLIENT_ADDRESS);
  }

  private JsonObject begin(String provider) {
    return auth.request(AuthContract.OAUTH_BEGIN, beginBody(provider), null);
  }

  private static JsonObject beginBody(String provider) {
    return new JsonObject().put("provider", provider).put("redirectUri", REDIRECT_URI);
  }

  private int userCount() {
    return auth.request(AuthContract.USERS_LIST, new JsonObject(), admin).getJsonArray("users").size();
  }
}
