package io.devsanctum.auth.service;

import io.devsanctum.auth.model.AccessChange;
import io.devsanctum.auth.model.OAuthFlow;
import io.devsanctum.auth.model.OAuthIdentity;
import io.devsanctum.auth.model.OAuthProfile;
import io.devsanctum.auth.model.ProviderSession;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.DuplicateKeyException;
import io.devsanctum.auth.repository.NoActiveAdminLeftException;
import io.devsanctum.auth.repository.OAuthFlowRepository;
import io.devsanctum.auth.repository.OAuthIdentityRepository;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditActor;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditResult;
import io.devsanctum.common.contract.audit.AuditTarget;
import io.devsanctum.common.contract.auth.OAuthStart;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.SignInProvider;
import io.devsanctum.common.contract.auth.SignedOut;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.devsanctum.common.domain.UnavailableException;
import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in through an OAuth2 or OpenID Connect provider. Beginning stores a random state with a PKCE
 * verifier, a nonce and the hash of a browser binding (a random value the browser keeps in a cookie);
 * completing spends that state once, refuses it unless presented with that browser binding (so no one
 * can have a victim's browser complete a sign-in the attacker began: login CSRF), has the provider
 * exchange the code, and finds the user: the one the provider identity (issuer + subject) is linked to, else the user with
 * the same verified email (now linked), else a new user when the provider's sign-up policy allows.
 * An unverified email never reaches an existing account, since whoever typed it in at the provider
 * need not own it. A provider's groups rules are applied at every sign-in: people outside its allowed
 * groups are refused, and where it maps groups to roles, the role follows the groups.
 */
public class OAuthSignInService {

  private static final Logger LOG = LoggerFactory.getLogger(OAuthSignInService.class);
  static final Duration ATTEMPT_LIFETIME = Duration.ofMinutes(10);
  static final String ATTEMPT_INVALID = "sign-in attempt expired or invalid; start again";
  static final String OTHER_BROWSER = "this sign-in was begun in another browser; start it again here";
  /** "mia", "mia-2" … "mia-20": beyond that a collision is not bad luck, and the sign-up fails. */
  private static final int USERNAME_ATTEMPTS = 20;

  private final Map<String, OAuthProvider> providers = new LinkedHashMap<>();
  private final OAuthFlowRepository flows;
  private final OAuthIdentityRepository identities;
  private final UserRepository users;
  private final SessionService sessions;
  private final AccessEvents events;

  public OAuthSignInService(List<OAuthProvider> providers, OAuthFlowRepository flows,
      OAuthIdentityRepository identities, UserRepository users, SessionService sessions, AccessEvents events) {
    providers.forEach(provider -> this.providers.put(provider.id(), provider));
    this.flows = flows;
    this.identities = identities;
    this.users = users;
    this.sessions = sessions;
    this.events = events;
  }

  /** The enabled providers, in the order they are offered, each with whether it answers now. */
  public Future<List<SignInProvider>> offered() {
    List<Future<SignInProvider>> checks = providers.values().stream()
        .map(provider -> provider.available()
            .map(up -> new SignInProvider(provider.id(), provider.name(), provider.iconUrl(), up)))
        .toList();
    return Future.all(checks).map(all -> checks.stream().map(Future::result).toList());
  }

  public Future<OAuthStart> begin(String providerId, String redirectUri) {
    OAuthProvider provider = provider(providerId);
    checkRedirectUri(redirectUri);
    String state = Secrets.newToken();
    String codeVerifier = Secrets.newToken();
    String nonce = Secrets.newToken();
    String browserBinding = Secrets.newToken();
    // a browser sent on to a provider that does not answer would only show its own error page
    return provider.available()
        .compose(up -> up ? provider.authorizeUrl(redirectUri, state, Secrets.pkceChallenge(codeVerifier), nonce)
            : Future.failedFuture("it did not answer the last check"))
        .recover(failure -> {
          LOG.warn("{} sign-in cannot begin: {}", provider.name(), failure.getMessage());
          return Future.failedFuture(new UnavailableException(
              provider.name() + " cannot be reached right now; sign in another way or try again later"));
        })
        .compose(authorizeUrl -> flows.insert(Secrets.sha256(state),
                new OAuthFlow(provider.id(), codeVerifier, redirectUri, nonce, Secrets.sha256(browserBinding)),
                ATTEMPT_LIFETIME)
            .map(stored -> new OAuthStart(authorizeUrl, state, browserBinding)));
  }

  /**
   * @param returnedIssuer the {@code iss} the provider sent back with the code (RFC 9207), or null
   *                       when it sends none
   * @param browserBinding the {@link OAuthStart#browserBinding()} the browser holds, or null when it
   *                       holds none
   */
  public Future<Session> complete(String providerId, String state, String code, String returnedIssuer,
      String browserBinding, String clientAddress) {
    OAuthProvider provider = provider(providerId);
    // the state is spent even when it names another provider or comes from another browser: such a
    // request is not a genuine return, and the state may have leaked
    return flows.take(Secrets.sha256(state))
        .compose(flow -> flow.filter(begun -> begun.provider().equals(provider.id()))
            .map(begun -> sameBrowser(provider, begun, browserBinding, clientAddress)
                .compose(same -> fromIssuer(provider, returnedIssuer, clientAddress))
                .compose(ours -> profile(provider, code, begun, clientAddress)))
            .orElseGet(() -> {
              LOG.info("{} sign-in from {} refused: unknown, expired or spent state", provider.name(), clientAddress);
              return Future.failedFuture(new UnauthenticatedException(ATTEMPT_INVALID));
            }))
        .compose(profile -> admitted(provider, profile, clientAddress))
        .compose(profile -> userFor(provider, profile)
            .compose(user -> user.isActive()
                ? withMappedRole(provider, profile, user)
                : Future.failedFuture(new UnauthenticatedException("this account is suspended")))
            .compose(user -> sessions.start(user, profile.idTokenHint() == null ? null
                : new ProviderSession(provider.id(), profile.idTokenHint()), provider.maxSignInAge().orElse(null))))
        .onSuccess(session -> LOG.info("user {} signed in with {}", session.user().id(), provider.name()));
  }

  /**
   * Ends the sign-in of {@code refreshToken}. When it came through a provider configured to end its
   * own session too, and {@code postSignOutUri} (or null) says where the provider should send the
   * browser afterwards, with the provider's URL that ends it there.
   */
  public Future<SignedOut> signOut(String refreshToken, String postSignOutUri) {
    return sessions.signOut(refreshToken)
        .compose(ended -> ended.filter(session -> postSignOutUri != null)
            .map(session -> providerSignOutUrl(session, postSignOutUri))
            .orElse(Future.succeededFuture(Optional.empty())))
        .map(url -> url.map(SignedOut::new).orElse(SignedOut.HERE_ONLY));
  }

  /**
   * Where to send the browser to end {@code session} at its provider too, then back to
   * {@code postSignOutUri}; empty when that provider is no longer configured or not for this.
   */
  private Future<Optional<String>> providerSignOutUrl(ProviderSession session, String postSignOutUri) {
    OAuthProvider provider = providers.get(session.provider());
    return provider == null ? Future.succeededFuture(Optional.empty())
        : provider.endSessionUrl(session.idTokenHint(), postSignOutUri);
  }

  private static Future<Void> sameBrowser(OAuthProvider provider, OAuthFlow flow, String browserBinding,
      String clientAddress) {
    if (browserBinding != null
        && MessageDigest.isEqual(Secrets.sha256(browserBinding), flow.browserBindingHash())) {
      return Future.succeededFuture();
    }
    LOG.info("{} sign-in from {} refused: the browser did not begin it", provider.name(), clientAddress);
    return Future.failedFuture(new UnauthenticatedException(OTHER_BROWSER));
  }

  private static Future<Void> fromIssuer(OAuthProvider provider, String returnedIssuer, String clientAddress) {
    if (returnedIssuer == null || provider.sentBackBy(returnedIssuer)) {
      return Future.succeededFuture();
    }
    LOG.info("{} sign-in from {} refused: the code came back from issuer {}", provider.name(), clientAddress,
        returnedIssuer);
    return Future.failedFuture(new UnauthenticatedException(
        "the sign-in came back from another issuer than " + provider.name() + "; start again"));
  }

  private Future<OAuthProfile> profile(OAuthProvider provider, String code, OAuthFlow flow, String clientAddress) {
    return provider.profile(code, flow.codeVerifier(), flow.redirectUri(), flow.nonce()).recover(failure -> {
      // the message is the provider's error description, a network error or why its token does not
      // hold; none carries the code or a token
      LOG.warn("{} sign-in from {} failed: {}", provider.name(), clientAddress, failure.getMessage());
      return Future.failedFuture(new UnauthenticatedException(
          provider.name() + " did not confirm the sign-in; start again"));
    });
  }

  private static Future<OAuthProfile> admitted(OAuthProvider provider, OAuthProfile profile, String clientAddress) {
    if (provider.groups().admits(profile.groups())) {
      return Future.succeededFuture(profile);
    }
    LOG.info("{} sign-in of {} from {} refused: in none of the allowed groups", provider.name(), profile.subject(),
        clientAddress);
    return Future.failedFuture(new ForbiddenException(
        "your " + provider.name() + " account is in none of the groups allowed to sign in here; ask an admin"));
  }

  private Future<StoredUser> userFor(OAuthProvider provider, OAuthProfile profile) {
    return identities.findUser(provider.issuer(), profile.subject()).compose(linked -> {
      if (linked.isPresent()) {
        return Future.succeededFuture(linked.get());
      }
      if (profile.email() == null || !profile.emailVerified()) {
        return Future.failedFuture(
            new ForbiddenException("your " + provider.name() + " email is not verified"));
      }
      OAuthIdentity identity = new OAuthIdentity(provider.issuer(), profile.subject(), profile.email());
      return users.findByEmail(profile.email()).compose(existing -> existing.isPresent()
          ? linkByEmail(provider, identity, existing.get())
          : signUp(provider, profile, identity));
    });
  }

  /**
   * Links the identity to the user with its verified email, unless that user signs in with another
   * identity at the same issuer already: then the email has passed from one account at the provider
   * to another (a reused address, a renamed colleague), and only an admin can tell which is theirs.
   */
  private Future<StoredUser> linkByEmail(OAuthProvider provider, OAuthIdentity identity, StoredUser user) {
    return identities.issuersOf(List.of(user.id())).compose(issuers -> {
      if (issuers.getOrDefault(user.id(), List.of()).contains(provider.issuer())) {
        LOG.warn("{} identity {} not linked to user {} by email: the user has another {} identity", provider.name(),
            identity.subject(), user.id(), provider.name());
        return Future.failedFuture(new ForbiddenException("the account with your " + provider.name()
            + " email is linked to another " + provider.name() + " account; ask an admin"));
      }
      return identities.link(identity, user.id()).map(user)
          .onSuccess(linked -> LOG.info("{} identity linked to user {} by verified email", provider.name(), linked.id()));
    });
  }

  /** Where the provider's groups decide roles, the user's role follows them at every sign-in. */
  private Future<StoredUser> withMappedRole(OAuthProvider provider, OAuthProfile profile, StoredUser user) {
    Optional<Role> mapped = provider.groups().role(profile.groups());
    if (mapped.isEmpty() || mapped.get() == user.role()) {
      return Future.succeededFuture(user);
    }
    return users.updateAccess(user.id(), null, AccessChange.role(mapped.get()), AuditRecord.success(
            Caller.service(provider.name() + "-groups"), AuditAction.USER_ROLE_CHANGE, user.id(), user.username(),
            UserAdminService.accessChange(Optional.of(user), AccessChange.role(mapped.get()))))
        .map(updated -> updated.orElse(user))
        .onSuccess(updated -> {
          LOG.info("user {} is {} now, as their {} groups say", user.id(), mapped.get().wireName(), provider.name());
          events.accessChanged(user.id());
        })
        .recover(failure -> {
          if (failure instanceof NoActiveAdminLeftException) {
            LOG.warn("user {} keeps the admin role their {} groups no longer give: no other active admin is left",
                user.id(), provider.name());
            return Future.succeededFuture(user);
          }
          return Future.failedFuture(failure);
        });
  }

  private Future<StoredUser> signUp(OAuthProvider provider, OAuthProfile profile, OAuthIdentity identity) {
    if (!provider.signUp().allows(profile.email())) {
      return Future.failedFuture(new ForbiddenException("sign-up is closed; ask an admin for an account"));
    }
    String username = UserRules.usernameFrom(profile.usernameHint());
    String displayName = profile.name() == null || profile.name().isBlank() ? username : profile.name().trim();
    Role role = provider.groups().role(profile.groups()).orElse(Role.MEMBER);
    // until first-run setup has made an admin, a sign-up would close setup and leave the server without one
    return users.count()
        .compose(count -> count == 0
            ? Future.failedFuture(new ForbiddenException("sign-up opens once the first admin has been set up"))
            : insertUser(identity, username, displayName, role, 1))
        .onSuccess(user -> LOG.info("user {} ({}) signed up with {} as {}", user.id(), user.username(), provider.name(),
            role.wireName()));
  }

  private Future<StoredUser> insertUser(OAuthIdentity identity, String username, String displayName, Role role, int attempt) {
    String candidate = attempt == 1 ? username : UserRules.withSuffix(username, attempt);
    // no password: this user signs in through the provider only
    StoredUser user = new StoredUser(UUID.randomUUID(), identity.email(), candidate, displayName, role,
        UserStatus.ACTIVE, null, OffsetDateTime.now());
    // the person the provider vouched for made their own account
    AuditRecord signedUp = AuditRecord.of(AuditActor.user(user.id(), candidate), AuditAction.USER_CREATE,
        new AuditTarget(AuditAction.USER_CREATE.targetType(), user.id(), candidate),
        AuditChange.created(Map.of("email", identity.email(), "role", role.wireName(), "signUp", identity.issuer())),
        AuditResult.SUCCESS);
    return identities.insertUserWithIdentity(user, identity, signedUp).recover(failure -> {
      if (!(failure instanceof DuplicateKeyException duplicate)) {
        return Future.failedFuture(failure);
      }
      if (duplicate.field().equals("username") && attempt < USERNAME_ATTEMPTS) {
        return insertUser(identity, username, displayName, role, attempt + 1);
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
