package dev.roster.scim.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket, as lean as a load generator needs: it
 * writes a request in one call and reads the status, {@code Content-Length} or chunked body, and
 * nothing else. Reconnects when the server closes. Not thread-safe: one per virtual user.
 */
final class HttpConnection implements AutoCloseable {
  private final InetSocketAddress address;
  private final String hostHeader;
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private byte[] body = new byte[64 * 1024];
  private int bodyLength;
  private final StringBuilder line = new StringBuilder(128);
  private int timeoutMillis = 60_000;

  HttpConnection(String host, int port) {
    this.address = new InetSocketAddress(host, port);
    this.hostHeader = host + ":" + port;
  }

  /** An answer: its status and its body's length; the body itself is {@link #body()}. */
  record Answer(int status, int bodyLength) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Sends one request and reads the whole answer. {@code body} may be null.
   *
   * @throws IOException if the connection fails; the next call reconnects
   */
  Answer send(String method, String target, String token, byte[] requestBody) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader);
    head.append("\r\nAccept: application/scim+json");
    if (token != null) {
      head.append("\r\nAuthorization: Bearer ").append(token);
    }
    if (requestBody != null) {
      head.append("\r\nContent-Type: application/scim+json; charset=utf-8\r\nContent-Length: ");
      head.append(requestBody.length);
    }
    head.append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = headBytes;
    if (requestBody != null) {
      request = Arrays.copyOf(headBytes, headBytes.length + requestBody.length);
      System.arraycopy(requestBody, 0, request, headBytes.length, requestBody.length);
    }
    try {
      if (socket == null) {
        connect();
      }
      out.write(request);
      out.flush();
      return read(method.equals("HEAD"));
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** How long to wait for an answer before failing the request (default 60 s). */
  void timeout(java.time.Duration timeout) {
    timeoutMillis = Math.toIntExact(timeout.toMillis());
  }

  /** The last answer's body (valid until the next request). */
  String body() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(address, 5_000);
    s.setSoTimeout(timeoutMillis);
    socket = s;
    out = s.getOutputStream();
    in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
  }

  private Answer read(boolean head) throws IOException {
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
      throw new IOException("Not an HTTP status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = statusLine.startsWith("HTTP/1.0");
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    bodyLength = 0;
    if (head || status == 204 || status == 304 || status / 100 == 1) {
      // no body
    } else if (chunked) {
      while (true) {
        String size = readLine();
        int semicolon = size.indexOf(';');
        int chunk =
            Integer.parseInt(semicolon < 0 ? size.trim() : size.substring(0, semicolon).trim(), 16);
        if (chunk == 0) {
          while (!readLine().isEmpty()) {
            // trailers
          }
          break;
        }
        readBody(chunk);
        readLine();
      }
    } else if (contentLength >= 0) {
      readBody((int) contentLength);
    } else {
      close = true; // read to the end of the stream
      int n;
      ensure(bodyLength + 8192);
      while ((n = in.read(body, bodyLength, body.length - bodyLength)) > 0) {
        bodyLength += n;
        ensure(bodyLength + 8192);
      }
    }
    if (close) {
      close();
    }
    return new Answer(status, bodyLength);
  }

  private void readBody(int length) throws IOException {
    ensure(bodyLength + length);
    int end = bodyLength + length;
    while (bodyLength < end) {
      int n = in.read(body, bodyLength, end - bodyLength);
      if (n < 0) {
        throw new EOFException("Connection closed in a response body");
      }
      bodyLength += n;
    }
  }

  private void ensure(int capacity) {
    if (capacity > body.length) {
      body = Arrays.copyOf(body, Math.max(capacity, body.length * 2));
    }
  }

  private String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("Connection closed by the server");
      }
      if (c == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) c);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
      out = null;
      in = null;
    }
  }
}
