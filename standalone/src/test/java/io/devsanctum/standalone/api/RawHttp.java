package io.devsanctum.standalone.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Bytes over a plain socket, for what an HTTP client library would refuse to send. */
final class RawHttp {

  /** What came back, and whether the server closed the connection (rather than the read timing out). */
  record Answer(String text, boolean closedByServer) {

    int status() {
      return Integer.parseInt(text.substring(9, 12));
    }

    /** How many responses the server sent on the connection. */
    long responses() {
      return text.lines().filter(line -> line.startsWith("HTTP/1.")).count();
    }

    String body() {
      int end = text.indexOf("\r\n\r\n");
      return end < 0 ? "" : text.substring(end + 4);
    }

    String header(String name) {
      return text.lines().takeWhile(line -> !line.isEmpty())
          .filter(line -> line.toLowerCase().startsWith(name.toLowerCase() + ":"))
          .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }
  }

  private RawHttp() {
  }

  /** Sends {@code request} and reads until the server closes the connection or stays silent for {@code wait}. */
  static Answer exchange(int port, String request, Duration wait) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) wait.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return readAll(socket.getInputStream());
    }
  }

  static Answer readAll(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        received.write(chunk, 0, n);
      }
      return new Answer(received.toString(StandardCharsets.ISO_8859_1), true);
    } catch (SocketTimeoutException silent) {
      return new Answer(received.toString(StandardCharsets.ISO_8859_1), false);
    } catch (IOException reset) {
      // a connection reset after the answer is a close too
      return new Answer(received.toString(StandardCharsets.ISO_8859_1), true);
    }
  }
}
