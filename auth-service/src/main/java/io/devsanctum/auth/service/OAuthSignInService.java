package io.devsanctum.auth.service;

import io.devsanctum.auth.model.OAuthFlow;
import io.devsanctum.auth.model.OAuthIdentity;
import io.devsanctum.auth.model.OAuthProfile;
import io.devsanctum.auth.model.SignUpPolicy;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.DuplicateKeyException;
import io.devsanctum.auth.repository.OAuthFlowRepository;
import io.devsanctum.auth.repository.OAuthIdentityRepository;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.contract.auth.OAuthStart;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in through an OAuth2 provider. Beginning stores a random state with a PKCE verifier;
 * completing spends that state once, has the provider exchange the code, and finds the user: the
 * one the provider identity is linked to, else the user with the same verified email (now linked),
 * else a new member when the sign-up policy allows. An unverified email never reaches an existing
 * account, since whoever typed it in at the provider need not own it.
 */
public class OAuthSignInService {

  private static final Logger LOG = LoggerFactory.getLogger(OAuthSignInService.class);
  static final Duration ATTEMPT_LIFETIME = Duration.ofMinutes(10);
  static final String ATTEMPT_INVALID = "sign-in attempt expired or invalid; start again";
  /** "mia", "mia-2" … "mia-20": beyond that a collision is not bad luck, and the sign-up fails. */
  private static final int USERNAME_ATTEMPTS = 20;

  private final Map<String, OAuthProvider> providers = new LinkedHashMap<>();
  private final OAuthFlowRepository flows;
  private final OAuthIdentityRepository identities;
  private final UserRepository users;
  private final SessionService sessions;
  private final SignUpPolicy signUp;

  public OAuthSignInService(List<OAuthProvider> providers, OAuthFlowRepository flows,
      OAuthIdentityRepository identities, UserRepository users, SessionService sessions, SignUpPolicy signUp) {
    providers.forEach(provider -> this.providers.put(provider.id(), provider));
    this.flows = flows;
    this.identities = identities;
    this.users = users;
    this.sessions = sessions;
    this.signUp = signUp;
  }

  /** The enabled providers, in the order they are offered. */
  public List<OAuthProvider> providers() {
    return List.copyOf(providers.values());
  }

  public Future<OAuthStart> begin(String providerId, String redirectUri) {
    OAuthProvider provider = provider(providerId);
    checkRedirectUri(redirectUri);
    String state = Secrets.newToken();
    String codeVerifier = Secrets.newToken();
    return flows.insert(Secrets.sha256(state), new OAuthFlow(provider.id(), codeVerifier, redirectUri),
            ATTEMPT_LIFETIME)
        .map(stored -> new OAuthStart(
            provider.authorizeUrl(redirectUri, state, Secrets.pkceChallenge(codeVerifier)), state));
  }

  public Future<Session> complete(String providerId, String state, String code, String clientAddress) {
    OAuthProvider provider = provider(providerId);
    // the state is spent even when it names another provider: such a request is not a genuine return
    return flows.take(Secrets.sha256(state))
        .compose(flow -> flow.filter(begun -> begun.provider().equals(provider.id()))
            .map(begun -> profile(provider, code, begun, clientAddress))
            .orElseGet(() -> {
              LOG.info("{} sign-in from {} refused: unknown, expired or spent state", provider.name(), clientAddress);
              return Future.failedFuture(new UnauthenticatedException(ATTEMPT_INVALID));
            }))
        .compose(profile -> userFor(provider, profile))
        .compose(user -> user.isActive()
            ? sessions.start(user)
            : Future.failedFuture(new UnauthenticatedException("this account is suspended")))
        .onSuccess(session -> LOG.info("user {} signed in with {}", session.user().id(), provider.name()));
  }

  private Future<OAuthProfile> profile(OAuthProvider provider, String code, OAuthFlow flow, String clientAddress) {
    return provider.profile(code, flow.codeVerifier(), flow.redirectUri()).recover(failure -> {
      // the message is the provider's error description or a network error; neither carries the code
      LOG.warn("{} sign-in from {} failed: {}", provider.name(), clientAddress, failure.getMessage());
      return Future.failedFuture(new UnauthenticatedException(
          provider.name() + " did not confirm the sign-in; start again"));
    });
  }

  private Future<StoredUser> userFor(OAuthProvider provider, OAuthProfile profile) {
    return identities.findUser(provider.id(), profile.subject()).compose(linked -> {
      if (linked.isPresent()) {
        return Future.succeededFuture(linked.get());
      }
      if (profile.email() == null || !profile.emailVerified()) {
        return Future.failedFuture(
            new ForbiddenException("your " + provider.name() + " email is not verified"));
      }
      OAuthIdentity identity = new OAuthIdentity(provider.id(), profile.subject(), profile.email());
      return users.findByEmail(profile.email()).compose(existing -> existing.isPresent()
          ? identities.link(identity, existing.get().id()).map(existing.get())
              .onSuccess(user -> LOG.info("{} identity linked to user {} by verified email", provider.name(), user.id()))
          : signUp(provider, profile, identity));
    });
  }

  private Future<StoredUser> signUp(OAuthProvider provider, OAuthProfile profile, OAuthIdentity identity) {
    if (!signUp.allows(profile.email())) {
      return Future.failedFuture(new ForbiddenException("sign-up is closed; ask an admin for an account"));
    }
    String username = UserRules.usernameFrom(profile.usernameHint());
    String displayName = profile.name() == null || profile.name().isBlank() ? username : profile.name().trim();
    // until first-run setup has made an admin, a sign-up would close setup and leave the server without one
    return users.count()
        .compose(count -> count == 0
            ? Future.failedFuture(new ForbiddenException("sign-up opens once the first admin has been set up"))
            : insertMember(identity, username, displayName, 1))
        .onSuccess(user -> LOG.info("user {} ({}) signed up with {}", user.id(), user.username(), provider.name()));
  }

  private Future<StoredUser> insertMember(OAuthIdentity identity, String username, String displayName, int attempt) {
    String candidate = attempt == 1 ? username : UserRules.withSuffix(username, attempt);
    // no password: this member signs in through the provider only
    StoredUser member = new StoredUser(UUID.randomUUID(), identity.email(), candidate, displayName, Role.MEMBER,
        UserStatus.ACTIVE, null, OffsetDateTime.now());
    return identities.insertUserWithIdentity(member, identity).recover(failure -> {
      if (!(failure instanceof DuplicateKeyException duplicate)) {
        return Future.failedFuture(failure);
      }
      if (duplicate.field().equals("username") && attempt < USERNAME_ATTEMPTS) {
        return insertMember(identity, username, displayName, attempt + 1);
      }
      // the email or identity was taken by a concurrent sign-in, or every username variant is in use
      return Future.failedFuture(new ConflictException(duplicate.field() + ": already taken; try again"));
    });
  }

  private OAuthProvider provider(String providerId) {
    OAuthProvider provider = providers.get(providerId);
    if (provider == null) {
      throw new NotFoundException("no sign-in provider " + providerId);
    }
    return provider;
  }

  private static void checkRedirectUri(String redirectUri) {
    try {
      URI uri = new URI(redirectUri);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below like any other unusable URI
    }
    throw new InvalidInputException("redirectUri", "must be an absolute http or https URL");
  }
}
