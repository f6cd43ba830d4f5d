package io.devsanctum.auth.service;

import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.OAuthIdentityRepository;
import io.devsanctum.common.contract.auth.ListedUser;
import io.devsanctum.common.contract.auth.SignInMethod;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How each user signs in: with a password of their own, and through which providers' identities. */
public class SignInMethods {

  private final Map<String, OAuthProvider> byIssuer;
  private final OAuthIdentityRepository identities;

  public SignInMethods(List<OAuthProvider> providers, OAuthIdentityRepository identities) {
    // two registrations at one issuer share its identities; the first one configured names them
    this.byIssuer = providers.stream().collect(
        Collectors.toMap(OAuthProvider::issuer, Function.identity(), (first, second) -> first));
    this.identities = identities;
  }

  public Future<List<ListedUser>> of(List<StoredUser> users) {
    return identities.issuersOf(users.stream().map(StoredUser::id).toList()).map(issuers -> users.stream()
        .map(user -> new ListedUser(user.profile(), methods(user, issuers.getOrDefault(user.id(), List.of()))))
        .toList());
  }

  private List<SignInMethod> methods(StoredUser user, List<String> issuers) {
    List<SignInMethod> methods = new ArrayList<>();
    if (user.passwordHash() != null) {
      methods.add(SignInMethod.PASSWORD);
    }
    for (String issuer : issuers) {
      OAuthProvider provider = byIssuer.get(issuer);
      methods.add(provider == null ? new SignInMethod(null, issuer) : new SignInMethod(provider.id(), provider.name()));
    }
    return methods;
  }
}
