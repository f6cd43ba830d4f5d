package io.devsanctum.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** Which database failures are an outage (answered 503 and waited out) and which are not. */
class PgErrorsTest {

  @Test
  void aConnectionThatFailsInAnyTransportIsAnOutage() {
    assertThat(PgErrors.isUnavailable(new ConnectException("Connection refused"))).isTrue();
    assertThat(PgErrors.isUnavailable(new RuntimeException(new SocketException("Connection reset")))).isTrue();
    assertThat(PgErrors.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(PgErrors.isUnavailable(new PgException("the database system is shutting down", "FATAL", "57P03", null)))
        .isTrue();
    Epoll.ensureAvailability(); // Vert.x runs on epoll here, whose resets are no SocketException
    assertThat(PgErrors.isUnavailable(new Errors.NativeIoException("recvAddress(..)", Errors.ERRNO_ECONNRESET_NEGATIVE)))
        .isTrue();
  }

  @Test
  void aRefusalOfTheStatementItselfIsNoOutage() {
    assertThat(PgErrors.isUnavailable(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
    assertThat(PgErrors.isUnavailable(new PgException("syntax error", "ERROR", "42601", null))).isFalse();
    assertThat(PgErrors.isUnavailable(new IllegalStateException("not a database failure"))).isFalse();
  }
}
