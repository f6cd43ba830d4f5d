package io.devsanctum.gateway.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MINA's server and client, with the gateway's public-key method and a decider the test controls. */
class AsyncPublicKeyAuthTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** What the server was asked and told, in order. */
  private final List<String> events = new CopyOnWriteArrayList<>();
  /** Decisions held back by the test, for keys it holds back. */
  private final List<Promise<String>> held = new CopyOnWriteArrayList<>();
  private final List<PublicKey> holdFor = new CopyOnWriteArrayList<>();
  private final List<PublicKey> refuse = new CopyOnWriteArrayList<>();
  private SshServer server;
  private SshClient client;

  @BeforeEach
  void start() throws Exception {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
    AsyncPublicKeyAuth.install(server, new AsyncPublicKeyAuth.Decider<String>() {
      @Override
      public Future<String> decide(ServerSession session, String login, PublicKey key) {
        events.add("decide " + login);
        Promise<String> later = Promise.promise();
        if (holdFor.contains(key)) {
          held.add(later);
        } else {
          // answered later, on another thread, as the event bus answers
          new Thread(() -> later.handle(refuse.contains(key) ? Future.failedFuture("refused")
              : Future.succeededFuture("grant of " + login))).start();
        }
        return later.future();
      }

      @Override
      public void signedIn(ServerSession session, String login, PublicKey key, String grant) {
        events.add("signed in " + login + " with " + grant);
      }

      @Override
      public void badSignature(ServerSession session, String login) {
        events.add("bad signature " + login);
      }
    });
    // one I/O thread: a decision awaited on it would stop every other connection
    CoreModuleProperties.NIO_WORKERS.set(server, 1);
    server.start();
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
  }

  @AfterEach
  void stop() throws Exception {
    held.forEach(decision -> decision.tryFail("test over"));
    client.stop();
    server.stop(true);
  }

  @Test
  void aSignInIsOneDecisionThenTheVerifiedSignature() throws Exception {
    AuthFuture auth = signIn("dev", keyPair());

    assertThat(auth.verify(WAIT).isSuccess()).isTrue();
    // the unsigned query is decided, its signed request takes that decision: one question for both
    assertThat(events).containsExactly("decide dev", "signed in dev with grant of dev");
  }

  @Test
  void aRefusedKeyIsRefusedAtItsQueryAndNeverSignsIn() throws Exception {
    KeyPair key = keyPair();
    refuse.add(key.getPublic());

    AuthFuture auth = signIn("dev", key);

    assertThat(auth.await(WAIT)).isTrue();
    assertThat(auth.isSuccess()).isFalse();
    assertThat(events).containsExactly("decide dev");
  }

  @Test
  void aKeyAcceptedAtItsQueryStillNeedsItsOwnSignature() throws Exception {
    // the public half of one key with the private half of another: the query is accepted, the signature cannot be
    KeyPair mismatched = new KeyPair(keyPair().getPublic(), keyPair().getPrivate());

    AuthFuture auth = signIn("dev", mismatched);

    assertThat(auth.await(WAIT)).isTrue();
    assertThat(auth.isSuccess()).isFalse();
    assertThat(events).containsExactly("decide dev", "bad signature dev");
  }

  @Test
  void signInsWaitingForTheirDecisionHoldNoThreadOfTheServer() throws Exception {
    List<AuthFuture> waiting = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      KeyPair slow = keyPair();
      holdFor.add(slow.getPublic());
      waiting.add(signIn("slow" + i, slow));
    }
    await().atMost(WAIT).until(() -> held.size() == 4);

    AuthFuture fast = signIn("fast", keyPair());

    assertThat(fast.verify(WAIT).isSuccess()).isTrue();
    assertThat(waiting).noneMatch(AuthFuture::isDone);
    held.forEach(decision -> decision.fail("refused"));
    for (AuthFuture refused : waiting) {
      assertThat(refused.await(WAIT)).isTrue();
      assertThat(refused.isSuccess()).isFalse();
    }
  }

  private AuthFuture signIn(String login, KeyPair key) throws Exception {
    int port = ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
    ClientSession session = client.connect(login, "127.0.0.1", port).verify(WAIT).getSession();
    session.addPublicKeyIdentity(key);
    return session.auth();
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
