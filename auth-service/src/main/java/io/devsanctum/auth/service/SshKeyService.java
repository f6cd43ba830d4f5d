package io.devsanctum.auth.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import java.util.Map;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.DuplicateKeyException;
import io.devsanctum.auth.repository.ServerSecretRepository;
import io.devsanctum.auth.repository.SshKeyRepository;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.SshHostKey;
import io.devsanctum.common.contract.auth.SshKey;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH public keys, registered and deleted by their owner, and asked about by gateways when a
 * client signs in with one; and the SSH host key all gateways share.
 */
public class SshKeyService {

  private static final Logger LOG = LoggerFactory.getLogger(SshKeyService.class);
  static final int MAX_NAME_LENGTH = 64;
  static final String HOST_KEY_SECRET = "ssh-host-key";

  private final SshKeyRepository keys;
  private final ServerSecretRepository secrets;
  private final Authorizer authorizer;
  private final AccessEvents events;

  public SshKeyService(SshKeyRepository keys, ServerSecretRepository secrets, Authorizer authorizer,
      AccessEvents events) {
    this.keys = keys;
    this.secrets = secrets;
    this.authorizer = authorizer;
    this.events = events;
  }

  public Future<SshKey> add(Caller caller, String name, String publicKey) {
    String trimmed = name.trim();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      return Future.failedFuture(new InvalidInputException("name", "must be 1 to 64 characters"));
    }
    SshPublicKeys.Parsed parsed;
    try {
      parsed = SshPublicKeys.parse("publicKey", publicKey);
    } catch (InvalidInputException invalid) {
      return Future.failedFuture(invalid);
    }
    UUID keyId = UUID.randomUUID();
    return authorizer.activeUser(caller).compose(owner -> keys.insert(
            new SshKey(keyId, owner.id(), trimmed, parsed.publicKey(), parsed.fingerprint(), null, null),
            AuditRecord.success(caller, AuditAction.SSH_KEY_ADD, keyId, trimmed,
                AuditChange.created(Map.of("fingerprint", parsed.fingerprint()))))
        .recover(failure -> failure instanceof DuplicateKeyException duplicate
            ? Future.failedFuture(new ConflictException(duplicate.field().equals("name")
                ? "name: you already have an SSH key with this name"
                : "publicKey: this key is already registered"))
            : Future.failedFuture(failure))
        .onSuccess(key -> LOG.info("SSH key {} ({}) added for user {}", key.id(), key.fingerprint(), owner.id())));
  }

  public Future<Page<SshKey>> list(Caller caller, PageRequest page) {
    return authorizer.activeUser(caller).compose(user -> keys.page(user.id(), page));
  }

  /** Another user's key is NOT_FOUND, exactly like a key that does not exist. */
  public Future<Void> delete(Caller caller, UUID keyId) {
    return authorizer.activeUser(caller)
        .compose(user -> keys.find(keyId))
        .compose(found -> found.isEmpty() || !found.get().userId().equals(caller.userId())
            ? Future.<Void>failedFuture(new NotFoundException("no SSH key " + keyId))
            // announced, so gateways end the SSH sessions opened with it at once
            : keys.delete(keyId, AuditRecord.success(caller, AuditAction.SSH_KEY_REMOVE, keyId, found.get().name(),
                AuditChange.created(Map.of("fingerprint", found.get().fingerprint()))))
                .onSuccess(done -> events.accessChanged(caller.userId())))
        .onSuccess(done -> LOG.info("SSH key {} deleted by user {}", keyId, caller.userId()));
  }

  /** The key's active owner (asking is not use: see {@link #recordUse}); every reason for refusal gives the same answer. */
  public Future<StoredUser> authenticate(String publicKey) {
    Future<StoredUser> refused = Future.failedFuture(new UnauthenticatedException("unknown SSH key"));
    return fingerprint(publicKey)
        .map(fingerprint -> keys.owner(fingerprint).compose(owner -> owner.map(Future::succeededFuture).orElse(refused)))
        .orElse(refused);
  }

  /** A sign-in the key's signature proved: its last-used time (an unreadable or unknown key is nobody's use). */
  public Future<Void> recordUse(String publicKey) {
    return fingerprint(publicKey).map(keys::recordUse).orElse(Future.succeededFuture());
  }

  private static Optional<String> fingerprint(String publicKey) {
    try {
      return Optional.of(SshPublicKeys.parse("publicKey", publicKey).fingerprint());
    } catch (InvalidInputException unreadable) {
      return Optional.empty();
    }
  }

  /** Services only: the shared host key pair, EC P-256 (stored as its two halves, base64, one a line). */
  public Future<SshHostKey> hostKey(Caller caller) {
    if (!caller.isService()) {
      return Future.failedFuture(new ForbiddenException("the SSH host key is for the platform's services only"));
    }
    return secrets.getOrCreate(HOST_KEY_SECRET, newHostKey()).map(stored -> {
      String[] halves = new String(stored, StandardCharsets.US_ASCII).split("\n");
      return new SshHostKey(halves[0], halves[1]);
    });
  }

  private static byte[] newHostKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      Base64.Encoder base64 = Base64.getEncoder();
      return (base64.encodeToString(pair.getPrivate().getEncoded()) + "\n"
          + base64.encodeToString(pair.getPublic().getEncoded())).getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
    }
  }
}
