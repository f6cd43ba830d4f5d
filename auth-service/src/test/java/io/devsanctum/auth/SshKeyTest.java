package io.devsanctum.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.auth.AccessChanged;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.Identity;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.SshHostKey;
import io.devsanctum.common.contract.auth.SshKey;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.common.testkit.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH public keys in auth-service, with keys made by Debian's ssh-keygen. */
class SshKeyTest {

  @TempDir
  Path keys;
  private AuthServiceFixture auth;
  private User admin;
  private User member;

  @BeforeEach
  void start() {
    auth = new AuthServiceFixture();
    admin = auth.createFirstAdmin();
    member = auth.createMember(admin, "mia");
  }

  @AfterEach
  void stop() {
    auth.close();
  }

  @Test
  void aRegisteredKeyAuthenticatesItsOwnerWithTheFingerprintSshKeygenPrints() throws Exception {
    String publicKey = keygen("ed25519", "laptop");

    SshKey added = auth.auth().addSshKey(auth.caller(member), "laptop", publicKey).await();

    assertThat(added.fingerprint()).isEqualTo(fingerprint("laptop"));
    assertThat(added.publicKey()).isEqualTo(publicKey.substring(0, publicKey.lastIndexOf(' '))); // comment dropped
    Identity identity = auth.auth().authenticateSshKey(publicKey).await();
    assertThat(identity).isEqualTo(new Identity(member.id(), Role.MEMBER, "mia", false, Scope.full()));
    List<SshKey> listed = auth.auth().sshKeys(auth.caller(member), PageRequest.first()).await().items();
    assertThat(listed).extracting(SshKey::id).containsExactly(added.id());
  }

  @Test
  void askingWhoAKeyIsIsNotUseOnlyARecordedSignInIs() throws Exception {
    String publicKey = keygen("ed25519", "asked");
    auth.auth().addSshKey(auth.caller(member), "asked", publicKey).await();

    auth.auth().authenticateSshKey(publicKey).await(); // a client asking whether the key would do, before it signs
    assertThat(auth.auth().sshKeys(auth.caller(member), PageRequest.first()).await().items().get(0).lastUsedAt()).isNull();

    auth.auth().recordSshKeyUse(publicKey).await();
    assertThat(auth.auth().sshKeys(auth.caller(member), PageRequest.first()).await().items().get(0).lastUsedAt()).isNotNull();
  }

  @Test
  void rsaAndEcdsaKeysAreReadToo() throws Exception {
    auth.auth().addSshKey(auth.caller(member), "rsa", keygen("rsa", "rsa")).await();
    auth.auth().addSshKey(auth.caller(member), "ecdsa", keygen("ecdsa", "ecdsa")).await();

    assertThat(auth.auth().sshKeys(auth.caller(member), PageRequest.first()).await().items()).extracting(SshKey::fingerprint)
        .containsExactlyInAnyOrder(fingerprint("rsa"), fingerprint("ecdsa"));
  }

  @Test
  void aKeyStandsForOneUserAndANameForOneOfTheirKeys() throws Exception {
    String publicKey = keygen("ed25519", "one");
    auth.auth().addSshKey(auth.caller(member), "one", publicKey).await();

    auth.refusal(auth.auth().addSshKey(auth.caller(admin), "mine-now", publicKey), ErrorCode.CONFLICT);
    auth.refusal(auth.auth().addSshKey(auth.caller(member), "one", keygen("ed25519", "two")), ErrorCode.CONFLICT);
  }

  @Test
  void whatIsNotAPublicKeyIsRefusedNamingTheField() {
    for (String notAKey : List.of("hello", "ssh-ed25519 not-base64!", "ssh-ed25519 AAAAC3NzaC1yc2E=",
        "ssh-dss AAAAB3NzaC1kc3MAAACBAP", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAQQDD")) {
      BusFailure refused = auth.refusal(auth.auth().addSshKey(auth.caller(member), "bad", notAKey), ErrorCode.VALIDATION);
      assertThat(refused.fieldErrors()).extracting(io.devsanctum.common.bus.FieldError::field).containsExactly("publicKey");
    }
  }

  @Test
  void aDeletedKeyNoLongerAuthenticatesAndItsOwnerIsAnnounced() throws Exception {
    String publicKey = keygen("ed25519", "gone");
    SshKey added = auth.auth().addSshKey(auth.caller(member), "gone", publicKey).await();
    List<UUID> announced = new CopyOnWriteArrayList<>();
    TypedBus.subscribe(auth.vertx(), AuthContract.EVENTS_ACCESS_CHANGED, AccessChanged.class,
        event -> announced.add(event.userId())).completion().await();

    auth.auth().deleteSshKey(auth.caller(member), added.id()).await();

    auth.refusal(auth.auth().authenticateSshKey(publicKey), ErrorCode.UNAUTHENTICATED);
    await().atMost(Duration.ofSeconds(5)).until(() -> announced.contains(member.id()));
  }

  @Test
  void anotherUsersKeyCannotBeDeletedAndLooksAbsent() throws Exception {
    SshKey added = auth.auth().addSshKey(auth.caller(member), "mine", keygen("ed25519", "mine")).await();

    auth.refusal(auth.auth().deleteSshKey(auth.caller(admin), added.id()), ErrorCode.NOT_FOUND);
    auth.refusal(auth.auth().deleteSshKey(auth.caller(member), UUID.randomUUID()), ErrorCode.NOT_FOUND);
    assertThat(auth.auth().sshKeys(auth.caller(member), PageRequest.first()).await().items()).hasSize(1);
    assertThat(auth.auth().sshKeys(auth.caller(admin), PageRequest.first()).await().items()).isEmpty();
  }

  @Test
  void aSuspendedUsersKeyIsRefusedAsAnUnknownOneIs() throws Exception {
    String publicKey = keygen("ed25519", "suspended");
    auth.auth().addSshKey(auth.caller(member), "k", publicKey).await();

    auth.auth().suspend(auth.caller(admin), member.id()).await();

    BusFailure suspended = auth.refusal(auth.auth().authenticateSshKey(publicKey), ErrorCode.UNAUTHENTICATED);
    BusFailure unknown = auth.refusal(auth.auth().authenticateSshKey(keygen("ed25519", "unknown")),
        ErrorCode.UNAUTHENTICATED);
    assertThat(suspended.getMessage()).isEqualTo(unknown.getMessage());
  }

  @Test
  void everyServiceGetsTheSameHostKeyAndNoUserGetsIt() {
    SshHostKey first = auth.auth().sshHostKey(Caller.service("gateway")).await();

    auth.redeploy();

    assertThat(auth.auth().sshHostKey(Caller.service("another-gateway")).await()).isEqualTo(first);
    auth.refusal(auth.auth().sshHostKey(auth.caller(admin)), ErrorCode.FORBIDDEN);
  }

  private String keygen(String type, String name) throws Exception {
    run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name + "@test", "-f", keys.resolve(name).toString());
    return Files.readString(keys.resolve(name + ".pub")).trim();
  }

  /** The fingerprint as OpenSSH prints it ({@code 256 SHA256:… comment (ED25519)}). */
  private String fingerprint(String name) throws Exception {
    return run("ssh-keygen", "-l", "-E", "sha256", "-f", keys.resolve(name + ".pub").toString()).split(" ")[1];
  }

  private static String run(String... command) {
    return Command.run(Duration.ofSeconds(30), command);
  }
}
