package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.CLIENT_ADDRESS;
import static io.devsanctum.auth.FakeOAuthProviders.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.devsanctum.auth.FakeOAuthProviders.Person;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.auth.ListedUser;
import io.devsanctum.common.contract.auth.OAuthStart;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.SignInMethod;
import io.devsanctum.common.contract.auth.SignInProvider;
import io.devsanctum.common.contract.auth.SignedOut;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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

  private static final String POST_SIGN_OUT_URI = "http://127.0.0.1:8080/sign-in";
  private static final String ATTEMPT_INVALID = "sign-in attempt expired or invalid; start again";
  private static final String OTHER_BROWSER = "this sign-in was begun in another browser; start it again here";

  private final FakeOAuthProviders providers = new FakeOAuthProviders();
  /** Started by the tests that sign in through OpenID Connect. */
  private FakeOidcProvider oidc;
  private AuthServiceFixture auth;
  private User admin;

  /**
   * What the browser brings back from the provider's consent page, to complete the sign-in with, and
   * the browser binding it holds (from the start of the sign-in).
   */
  private record Consent(String provider, String state, String code, String browserBinding) {

    Consent inAnotherBrowser(String otherBinding) {
      return new Consent(provider, state, code, otherBinding);
    }
  }

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
    if (oidc != null) {
      oidc.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void withOpenSignUpANewPersonBecomesAMemberAndSignsInAgainAsTheSameUser(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("4711", "Mia_J", "Mia Jones", "mia@example.org", true));

    Session session = signIn(provider);

    User user = session.user();
    assertThat(user.email()).isEqualTo("mia@example.org");
    assertThat(user.username()).isEqualTo(provider.equals("github") ? "mia-j" : "mia-jones");
    assertThat(user.displayName()).isEqualTo("Mia Jones");
    assertThat(user.role()).isEqualTo(Role.MEMBER);
    assertThat(session.accessToken()).isNotBlank();
    assertThat(auth.auth().refresh(session.refreshToken()).await().accessToken()).isNotBlank();
    // no password was set, so only the provider signs this member in
    auth.refusal(auth.signInAttempt("mia@example.org", "any-password"), ErrorCode.UNAUTHENTICATED);

    // the identity is linked: a changed email at the provider still finds the same user
    providers.signsInAs(provider, new Person("4711", "Mia_J", "Mia Jones", "mia@new.example", false));
    assertThat(signIn(provider).user().id()).isEqualTo(user.id());
    assertThat(userCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void anAllowedDomainMaySignUpWhileSignUpIsClosed(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_ALLOWED_DOMAINS", "corp.example, Example.org"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));

    assertThat(signIn(provider).user().username()).isEqualTo("ada");

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
    User member = auth.createMember(admin, "mia");
    providers.signsInAs(provider, new Person("99", "someone-else", "Mia", "MIA@example.com", true));

    assertThat(signIn(provider).user().id()).isEqualTo(member.id());

    providers.signsInAs(provider, new Person("99", "someone-else", "Mia", "mia@elsewhere.example", true));
    assertThat(signIn(provider).user().id()).isEqualTo(member.id());
    assertThat(userCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void anEmailDoesNotLinkAUserWhoHasAnotherIdentityAtTheSameProvider(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    User member = auth.createMember(admin, "mia");
    providers.signsInAs(provider, new Person("99", "mia", "Mia", "mia@example.com", true));
    assertThat(signIn(provider).user().id()).isEqualTo(member.id());
    String name = provider.equals("github") ? "GitHub" : "Google";

    // another account at the provider now holds (or claims, verified) the same address
    providers.signsInAs(provider, new Person("100", "mia-new", "Mia", "mia@example.com", true));
    assertThat(refusedSignIn(provider, ErrorCode.FORBIDDEN)).isEqualTo(
        "the account with your " + name + " email is linked to another " + name + " account; ask an admin");

    providers.signsInAs(provider, new Person("99", "mia", "Mia", "mia@example.com", true));
    assertThat(signIn(provider).user().id()).isEqualTo(member.id());
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

    assertThat(signIn(provider).user().username()).isEqualTo("mia-3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aSuspendedUserCannotSignIn(String provider) {
    start(Map.of());
    User member = auth.createMember(admin, "mia");
    providers.signsInAs(provider, new Person("5", "mia", "Mia", "mia@example.com", true));
    signIn(provider);

    auth.auth().suspend(auth.caller(admin), member.id()).await();

    refusedSignIn(provider, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void signUpWaitsUntilTheFirstAdminHasBeenSetUp() {
    Map<String, String> env = new HashMap<>(providers.env());
    env.put("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true");
    auth = new AuthServiceFixture(env);
    providers.signsInAs("github", new Person("1", "ada", "Ada", "ada@example.org", true));

    refusedSignIn("github", ErrorCode.FORBIDDEN);
    assertThat(auth.auth().firstUserRequired().await()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void theAuthorizeUrlAsksForTheProvidersScopesWithAnS256Challenge(String provider) {
    start(Map.of());
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));

    OAuthStart begun = begin(provider).await();
    providers.consent(begun.authorizeUrl());

    MultiMap asked = providers.authorizeRequests.get(0);
    assertThat(asked.get("scope")).isEqualTo(provider.equals("github") ? "read:user user:email" : "openid email profile");
    assertThat(asked.get("client_id")).isEqualTo(FakeOAuthProviders.clientId(provider));
    assertThat(asked.get("redirect_uri")).isEqualTo(REDIRECT_URI);
    assertThat(asked.get("state")).isEqualTo(begun.state()).matches("[A-Za-z0-9_-]{43}");
    assertThat(asked.get("code_challenge_method")).isEqualTo("S256");
    assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aStateIsSpentByItsFirstUse(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    Consent consent = consented(provider);

    complete(consent).await();

    assertThat(auth.refusal(complete(consent), ErrorCode.UNAUTHENTICATED).getMessage()).isEqualTo(ATTEMPT_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aStatePresentedByAnotherBrowserIsRefusedAndSpent(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    Consent withoutBinding = consented(provider);
    Consent withAnotherBinding = consented(provider);
    Consent ownBinding = consented(provider);

    // login CSRF: the attacker's own callback link, opened by a victim's browser that began no sign-in
    assertThat(auth.refusal(complete(withoutBinding.inAnotherBrowser(null)), ErrorCode.UNAUTHENTICATED).getMessage())
        .isEqualTo(OTHER_BROWSER);
    assertThat(auth.refusal(complete(withAnotherBinding.inAnotherBrowser(ownBinding.browserBinding())),
        ErrorCode.UNAUTHENTICATED).getMessage()).isEqualTo(OTHER_BROWSER);
    // the state may have leaked: it is spent, and the browser that began it starts again
    assertThat(auth.refusal(complete(withoutBinding), ErrorCode.UNAUTHENTICATED).getMessage()).isEqualTo(ATTEMPT_INVALID);
    assertThat(providers.exchanges).hasValue(0);
    assertThat(userCount()).isEqualTo(1);

    assertThat(complete(ownBinding).await().user().email()).isEqualTo("ada@example.org");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void anUnknownStateOrAnotherProvidersStateIsRefused(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    Consent consent = consented(provider);
    String otherProvider = provider.equals("github") ? "google" : "github";

    assertThat(auth.refusal(complete(new Consent(provider, "made-up-state", consent.code(), consent.browserBinding())),
        ErrorCode.UNAUTHENTICATED).getMessage()).isEqualTo(ATTEMPT_INVALID);
    assertThat(auth.refusal(complete(new Consent(otherProvider, consent.state(), consent.code(), consent.browserBinding())),
        ErrorCode.UNAUTHENTICATED).getMessage()).isEqualTo(ATTEMPT_INVALID);
    // presenting the state to the wrong provider spent it
    auth.refusal(complete(consent), ErrorCode.UNAUTHENTICATED);
    assertThat(userCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void anExpiredStateIsRefused(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    Consent consent = consented(provider);

    auth.sql("UPDATE auth.oauth_flows SET expires_at = now() - interval '1 second'");

    assertThat(auth.refusal(complete(consent), ErrorCode.UNAUTHENTICATED).getMessage()).isEqualTo(ATTEMPT_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "google"})
  void aCodeRedeemedWithTheWrongPkceVerifierIsRefusedByTheProvider(String provider) {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
    Consent consent = consented(provider);

    // as if the code had been intercepted and replayed from a sign-in that does not hold its verifier
    auth.sql("UPDATE auth.oauth_flows SET code_verifier = 'a-verifier-that-does-not-match-the-challenge-x'");

    assertThat(auth.refusal(complete(consent), ErrorCode.UNAUTHENTICATED).getMessage())
        .endsWith("did not confirm the sign-in; start again");
    assertThat(providers.refusedExchanges).hasValue(1);
    assertThat(userCount()).isEqualTo(1);
  }

  @Test
  void onlyProvidersWithBothIdAndSecretAreOfferedAndOthersAreNotFound() {
    Map<String, String> env = new HashMap<>(providers.env());
    env.remove("DEVSANCTUM_OAUTH_GOOGLE_CLIENT_SECRET");
    auth = new AuthServiceFixture(env);

    assertThat(auth.auth().signInProviders().await()).isEqualTo(List.of(new SignInProvider("github", "GitHub", null, true)));

    auth.refusal(begin("google"), ErrorCode.NOT_FOUND);
    auth.refusal(begin("gitlab"), ErrorCode.NOT_FOUND);
    auth.refusal(complete(new Consent("google", "s", "c", "b")), ErrorCode.NOT_FOUND);
  }

  @Test
  void bothConfiguredProvidersAreOfferedGitHubFirst() {
    start(Map.of());

    assertThat(auth.auth().signInProviders().await()).isEqualTo(List.of(
        new SignInProvider("github", "GitHub", null, true), new SignInProvider("google", "Google", null, true)));
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

    assertThat(auth.auth().signInProviders().await()).isEqualTo(List.of(
        new SignInProvider("github", "GitHub", null, true), new SignInProvider("google", "Google", null, true),
        new SignInProvider("corp", "Corp SSO", null, false)));
    assertThat(auth.refusal(begin("corp"), ErrorCode.UNAVAILABLE).getMessage())
        .isEqualTo("Corp SSO cannot be reached right now; sign in another way or try again later");

    providers.signsInAs("github", new Person("8", "ada", "Ada", "ada@example.org", true));
    assertThat(signIn("github").user().username()).isEqualTo("ada");
    assertThat(auth.signIn("admin", AuthServiceFixture.ADMIN_PASSWORD).accessToken()).isNotBlank();
  }

  @Test
  void aRepeatedSignOutStillGetsTheProvidersSignOutUrlForAMinute() {
    start(withOidc());
    oidc.signsInAs(new Person("oidc-1", "ada", "Ada", "ada@example.org", true));
    Session session = signIn("corp");

    SignedOut first = auth.auth().signOut(session.refreshToken(), POST_SIGN_OUT_URI).await();
    // the bus retries a sign-out whose answer was lost: the retry must send the browser on all the same
    SignedOut retried = auth.auth().signOut(session.refreshToken(), POST_SIGN_OUT_URI).await();

    assertThat(first.providerSignOutUrl()).startsWith(oidc.issuer() + "/logout?").contains("id_token_hint=");
    assertThat(retried).isEqualTo(first);
    auth.refusal(auth.auth().refresh(session.refreshToken()), ErrorCode.UNAUTHENTICATED);

    // a minute later the sign-out is no longer repeated, and the next sign-in forgets the kept ID token
    auth.sql("UPDATE auth.refresh_token_families SET revoked_at = revoked_at - interval '61 seconds'");
    assertThat(auth.auth().signOut(session.refreshToken(), POST_SIGN_OUT_URI).await()).isEqualTo(SignedOut.HERE_ONLY);
    signIn("corp");
    assertThat(auth.count("SELECT count(*) FROM auth.refresh_token_families WHERE id_token_hint IS NOT NULL"
        + " AND revoked_at IS NOT NULL")).isZero();
  }

  @Test
  void signingOutRightAfterARestartWaitsForTheProvidersDiscovery() {
    start(withOidc());
    oidc.signsInAs(new Person("oidc-2", "lin", "Lin", "lin@example.org", true));
    Session session = signIn("corp");

    oidc.delaysDiscovery(Duration.ofSeconds(2));
    auth.redeploy(); // the new service has not discovered the provider yet

    assertThat(auth.auth().signOut(session.refreshToken(), POST_SIGN_OUT_URI).await().providerSignOutUrl())
        .startsWith(oidc.issuer() + "/logout?");
  }

  @Test
  void aSignInThroughAProviderWithAMaximumAgeEndsThenHoweverOftenItIsRefreshed() {
    Map<String, String> env = withOidc();
    env.put("DEVSANCTUM_OIDC_CORP_MAX_SIGN_IN_HOURS", "8");
    env.put("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true");
    start(env);
    oidc.signsInAs(new Person("oidc-3", "kim", "Kim", "kim@example.org", true));
    Session session = signIn("corp");

    assertThat(session.refreshTokenExpiresAt()).isBefore(Instant.now().plus(Duration.ofHours(8)).plusSeconds(60));
    Session refreshed = auth.auth().refresh(session.refreshToken()).await();
    assertThat(refreshed.refreshTokenExpiresAt()).isBefore(Instant.now().plus(Duration.ofHours(8)).plusSeconds(60));

    auth.sql("UPDATE auth.refresh_token_families SET ends_at = now() - interval '1 second'"); // 8 hours later
    auth.refusal(auth.auth().refresh(refreshed.refreshToken()), ErrorCode.UNAUTHENTICATED);
    auth.refusal(auth.auth().verifySession(refreshed.user().id(), AuthServiceFixture.sessionIdOf(refreshed)),
        ErrorCode.UNAUTHENTICATED);

    // the other providers' sign-ins keep the usual lifetime
    providers.signsInAs("github", new Person("12", "kim-gh", "Kim", "kim.gh@example.org", true));
    assertThat(signIn("github").refreshTokenExpiresAt()).isAfter(Instant.now().plus(Duration.ofDays(29)));
  }

  @Test
  void theAdminsListShowsHowEachUserSignsIn() {
    start(Map.of("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true"));
    auth.createMember(admin, "mia");
    providers.signsInAs("github", new Person("5", "mia-gh", "Mia", "mia@example.com", true)); // linked by email
    signIn("github");
    providers.signsInAs("google", new Person("6", null, "Lin", "lin@example.org", true)); // signed up
    signIn("google");

    assertThat(auth.auth().users(auth.caller(admin), PageRequest.first()).await().items())
        .extracting(listed -> listed.user().username(), ListedUser::signInMethods)
        .containsExactly(
            tuple("admin", List.of(SignInMethod.PASSWORD)),
            tuple("mia", List.of(SignInMethod.PASSWORD, new SignInMethod("github", "GitHub"))),
            tuple("lin", List.of(new SignInMethod("google", "Google"))));
  }

  @Test
  void withNoProviderConfiguredNoneIsOffered() {
    auth = new AuthServiceFixture(Map.of());

    assertThat(auth.auth().signInProviders().await()).isEmpty();
    auth.refusal(begin("github"), ErrorCode.NOT_FOUND);
  }

  @Test
  void beginRefusesARedirectUriThatIsNotAnAbsoluteHttpUrl() {
    start(Map.of());

    auth.refusal(auth.auth().beginOAuth("github", "/callback"), ErrorCode.VALIDATION);
    auth.refusal(auth.auth().beginOAuth("github", "javascript:alert(1)"), ErrorCode.VALIDATION);
  }

  /** The fake OpenID Connect provider as "corp", configured to end its session at sign-out, with open sign-up. */
  private Map<String, String> withOidc() {
    oidc = new FakeOidcProvider();
    Map<String, String> env = new HashMap<>(oidc.env("corp"));
    env.put("DEVSANCTUM_OIDC_CORP_OPEN_SIGNUP", "true");
    return env;
  }

  private Session signIn(String provider) {
    return complete(consented(provider)).await();
  }

  private String refusedSignIn(String provider, ErrorCode code) {
    return auth.refusal(complete(consented(provider)), code).getMessage();
  }

  /** Begins a sign-in and consents at the provider; returns what the browser comes back with. */
  private Consent consented(String provider) {
    OAuthStart begun = begin(provider).await();
    MultiMap returned = provider.equals("corp") ? oidc.consent(begun.authorizeUrl()) : providers.consent(begun.authorizeUrl());
    assertThat(returned.get("state")).isEqualTo(begun.state());
    return new Consent(provider, returned.get("state"), returned.get("code"), begun.browserBinding());
  }

  private Future<OAuthStart> begin(String provider) {
    return auth.auth().beginOAuth(provider, REDIRECT_URI);
  }

  private Future<Session> complete(Consent consent) {
    return auth.auth().completeOAuth(consent.provider(), consent.state(), consent.code(), null,
        consent.browserBinding(), CLIENT_ADDRESS);
  }

  private int userCount() {
    return auth.auth().users(auth.caller(admin), PageRequest.first()).await().items().size();
  }
}
