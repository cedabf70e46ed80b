package dev.roster.scim.server.auth.jwt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 that answers every request with the current JWKS and counts
 * them. (The JDK's {@code com.sun.net.httpserver} is in {@code jdk.httpserver}, which this module's
 * tests cannot read without changing the build.)
 */
final class JwksServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile String body;
  private volatile int status = 200;
  private volatile long delayMillis;

  JwksServer(String body) throws IOException {
    this.body = body;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "jwks-server");
    thread.setDaemon(true);
    thread.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/discovery/v2.0/keys");
  }

  int fetches() {
    return fetches.get();
  }

  void serve(String json) {
    this.body = json;
  }

  void status(int status) {
    this.status = status;
  }

  void delay(long millis) {
    this.delayMillis = millis;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        client.setSoTimeout(5000);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          // Request line and headers are read and ignored.
        }
        fetches.incrementAndGet();
        if (delayMillis > 0) {
          Thread.sleep(delayMillis);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(
            ("HTTP/1.1 "
                    + status
                    + " Status\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        // Closed, or the client gave up (timeouts are tested).
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
