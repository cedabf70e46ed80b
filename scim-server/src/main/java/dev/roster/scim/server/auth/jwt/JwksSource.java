package dev.roster.scim.server.auth.jwt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a key set comes from: a URL or a file, read again whenever {@link JwksCache} decides to.
 *
 * <p>The URL is read with {@link HttpURLConnection} from {@code java.base} rather than {@code
 * java.net.http}: one GET every few minutes needs no more, and the module then requires nothing
 * new.
 */
interface JwksSource {
  /** Key sets larger than this are refused; Entra's is a few kilobytes. */
  int MAX_BYTES = 1 << 20;

  /**
   * Reads the key set document.
   *
   * @throws IOException when it cannot be read, is too large, or the server does not answer 200
   */
  byte[] fetch() throws IOException;

  /** Where the keys come from, for messages. */
  String describe();

  /**
   * GET {@code uri} with {@code timeout} for connecting and for the whole response, no redirects.
   */
  static JwksSource url(URI uri, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    return new JwksSource() {
      @Override
      public byte[] fetch() throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
          connection.setConnectTimeout(millis);
          connection.setReadTimeout(millis);
          connection.setInstanceFollowRedirects(false);
          connection.setUseCaches(false);
          connection.setRequestProperty("Accept", "application/json");
          int status = connection.getResponseCode();
          if (status != 200) {
            throw new IOException("The JWKS at " + uri + " answered " + status + ", expected 200");
          }
          try (InputStream in = connection.getInputStream()) {
            return readAtMost(in, deadline);
          }
        } finally {
          connection.disconnect();
        }
      }

      @Override
      public String describe() {
        return uri.toString();
      }
    };
  }

  /** Reads {@code path}. */
  static JwksSource file(Path path) {
    return new JwksSource() {
      @Override
      public byte[] fetch() throws IOException {
        if (Files.size(path) > MAX_BYTES) {
          throw new IOException("The JWKS file " + path + " exceeds " + MAX_BYTES + " bytes");
        }
        return Files.readAllBytes(path);
      }

      @Override
      public String describe() {
        return path.toString();
      }
    };
  }

  private static byte[] readAtMost(InputStream in, long deadline) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_BYTES) {
        throw new IOException("The JWKS exceeds " + MAX_BYTES + " bytes");
      }
      // The read timeout bounds each read; this bounds a server that trickles bytes.
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("The JWKS took longer than its timeout to arrive");
      }
    }
    return out.toByteArray();
  }
}
