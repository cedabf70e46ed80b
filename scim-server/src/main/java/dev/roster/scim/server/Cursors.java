package dev.roster.scim.server;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.spi.Keyset;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.Seek;
import dev.roster.scim.core.spi.Sort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and reads the cursors of RFC 9865: a repository's {@link Keyset}, which way to page from
 * it, and when it was issued, signed with HMAC-SHA256 under the server's key, in base64url without
 * padding (RFC 3986 unreserved characters only).
 *
 * <p>The signature also covers the cursor's scope, which the cursor does not carry: the tenant, the
 * resource type, the filter and the sort it was issued for. A cursor used with another scope, or
 * altered, fails the check and is 400 {@code invalidCursor}, with one message for both (RFC 9865's
 * security considerations ask not to tell them apart); a genuine cursor older than the timeout is
 * 400 {@code expiredCursor}. Nothing is kept per cursor. Cursors are opaque to clients, not secret:
 * base64url hides nothing, so a cursor shows the sort value and id of the resource at the page's
 * edge, which the client has just been sent. Thread-safe.
 */
final class Cursors {
  /** How long a cursor stays valid by default: the 600 seconds RFC 9865 uses as its example. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  /** The shortest key accepted: HMAC-SHA256's own output length. */
  static final int MIN_KEY_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 32;
  private static final byte VERSION = 1;
  private static final byte AFTER = 0;
  private static final byte BEFORE = 1;
  private static final byte NONE = 0;
  private static final byte STRING = 1;
  private static final byte DECIMAL = 2;
  private static final byte BOOLEAN = 3;
  private static final byte INSTANT = 4;
  private static final String INVALID =
      "The cursor is not one this service provider issued for this query (the same filter and"
          + " sort, at the same resource type); page again from an empty cursor";

  private final SecretKeySpec key;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param key the HMAC key, at least {@link #MIN_KEY_BYTES} bytes; null for a random one
   * @param timeout how long a cursor is valid after it was issued, at least a second
   * @param clock what tells the time
   */
  Cursors(byte[] key, Duration timeout, Clock clock) {
    byte[] bytes = key == null ? randomKey() : key.clone();
    if (bytes.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "A cursor key has at least " + MIN_KEY_BYTES + " bytes, not " + bytes.length);
    }
    requireTimeout(timeout);
    this.key = new SecretKeySpec(bytes, ALGORITHM);
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Checks a cursor timeout: whole seconds, at least one, as ServiceProviderConfig states it. */
  static Duration requireTimeout(Duration timeout) {
    if (timeout == null || timeout.getSeconds() < 1 || timeout.getNano() != 0) {
      throw new IllegalArgumentException(
          "A cursor timeout is a whole number of seconds, at least 1, not " + timeout);
    }
    return timeout;
  }

  /** The timeout in seconds, as {@code pagination.cursorTimeout} states it. */
  long timeoutSeconds() {
    return timeout.getSeconds();
  }

  /**
   * What a cursor is bound to: the tenant, the resource type, the filter and the sort, each
   * length-prefixed so that no two scopes read the same.
   */
  static byte[] scope(RequestContext context, String resourceType, Filter filter, Sort sort) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, context.tenant());
      writeString(out, resourceType);
      writeString(out, filter == null ? "" : filter.toString());
      writeString(
          out,
          sort == null ? "" : sort.by().toString().toLowerCase(Locale.ROOT) + " " + sort.order());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A cursor for the page that starts just after {@code keyset} ({@code before} false) or ends just
   * before it (true), in {@code scope}.
   */
  String issue(byte[] scope, Keyset keyset, boolean before) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(before ? BEFORE : AFTER);
      out.writeLong(clock.millis());
      writeValue(out, keyset.value());
      writeString(out, keyset.id());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] payload = bytes.toByteArray();
    byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac(payload, scope), 0, token, payload.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /**
   * Where a client's cursor starts a page: the first page for an empty one, else the keyset it
   * carries.
   *
   * @throws ScimException 400 {@code invalidCursor} unless this server issued it for {@code scope}
   *     (and nobody changed it since), 400 {@code expiredCursor} if it is older than the timeout
   */
  Seek read(String cursor, byte[] scope) {
    if (cursor.isEmpty()) {
      return Seek.FIRST;
    }
    byte[] token;
    try {
      token = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (token.length <= MAC_BYTES) {
      throw invalid();
    }
    byte[] payload = Arrays.copyOf(token, token.length - MAC_BYTES);
    byte[] mac = Arrays.copyOfRange(token, payload.length, token.length);
    if (!MessageDigest.isEqual(mac, mac(payload, scope))) {
      throw invalid();
    }
    // Signed by this key for this scope: what follows was written by issue().
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (in.readByte() != VERSION) {
        throw invalid();
      }
      boolean before = in.readByte() == BEFORE;
      Instant issued = Instant.ofEpochMilli(in.readLong());
      Keyset keyset = new Keyset(readValue(in), readString(in));
      if (in.available() != 0) {
        throw invalid();
      }
      if (issued.plus(timeout).isBefore(clock.instant())) {
        throw new ScimException(
            ScimType.EXPIRED_CURSOR,
            "The cursor was issued more than "
                + timeout.getSeconds()
                + " seconds ago (pagination.cursorTimeout); page again from an empty cursor");
      }
      return before ? Seek.before(keyset) : Seek.after(keyset);
    } catch (ScimException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw invalid();
    }
  }

  private static ScimException invalid() {
    return new ScimException(ScimType.INVALID_CURSOR, INVALID);
  }

  private byte[] mac(byte[] payload, byte[] scope) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(payload);
      mac.update(scope);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static void writeValue(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NONE);
    } else if (value instanceof String text) {
      out.writeByte(STRING);
      writeString(out, text);
    } else if (value instanceof BigDecimal number) {
      out.writeByte(DECIMAL);
      writeString(out, number.toString());
    } else if (value instanceof Boolean flag) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(flag);
    } else {
      Instant instant = (Instant) value;
      out.writeByte(INSTANT);
      out.writeLong(instant.getEpochSecond());
      out.writeInt(instant.getNano());
    }
  }

  private static Object readValue(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    switch (tag) {
      case NONE:
        return null;
      case STRING:
        return readString(in);
      case DECIMAL:
        return new BigDecimal(readString(in));
      case BOOLEAN:
        return in.readBoolean();
      case INSTANT:
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
      default:
        throw new IOException("No value type " + tag);
    }
  }

  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("A string runs past the cursor's end");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
