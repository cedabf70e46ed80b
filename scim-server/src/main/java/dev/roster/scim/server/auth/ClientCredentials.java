package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * OAuth 2.0 clients and their secrets (RFC 6749 §2.3.1), as a SaaS application hands them to its
 * customers' admins for Microsoft Entra ID's gallery onboarding, which accepts client credentials
 * only: each client belongs to one tenant, holds several secrets at once, each with an optional
 * expiry (Entra asks for one to three years), so that a customer rotates without downtime.
 *
 * <p>Secrets are stored only as salted PBKDF2-HMAC-SHA256 hashes, deliberately slow (600,000
 * iterations by default, OWASP's figure for this function): unlike a token of 256 random bits, a
 * secret may be chosen by a person. An unknown client costs the same work as a wrong secret, so the
 * two answer alike. Nothing is cached: a disabled client or a removed secret fails on its next use,
 * in every process sharing the store.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientCredentials {
  /** The default PBKDF2 iteration count. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final ClientStore store;
  private final Clock clock;
  private final int iterations;
  private final SecureRandom random = new SecureRandom();
  private final ClientSecret dummy;

  /** Clients kept in {@code store}, on the system clock, with the default iteration count. */
  public ClientCredentials(ClientStore store) {
    this(store, Clock.systemUTC(), DEFAULT_ITERATIONS);
  }

  /**
   * Clients kept in {@code store}, on {@code clock}.
   *
   * @param iterations the PBKDF2 iteration count for new secrets (tests use fewer)
   */
  public ClientCredentials(ClientStore store, Clock clock, int iterations) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
    this.dummy = hash("roster-dummy-secret", null, clock.instant());
  }

  /**
   * Registers a client of {@code tenant} with one secret, or, when it exists, adds a secret to it.
   *
   * @param secret the secret, or null to generate one (256 random bits, returned once)
   * @param validity how long the secret works, or null for until it is removed
   * @return the secret as given or generated, and its id
   * @throws IllegalArgumentException when the client exists in another tenant
   */
  public NewSecret addSecret(String tenant, String clientId, String secret, Duration validity) {
    requireNonNull(tenant, "tenant");
    requireNonNull(clientId, "clientId");
    if (clientId.isBlank() || clientId.indexOf(':') >= 0) {
      throw new IllegalArgumentException("A client id is not blank and has no ':'");
    }
    String value =
        secret != null ? secret : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    if (value.isBlank()) {
      throw new IllegalArgumentException("A client secret must not be blank");
    }
    Instant now = clock.instant();
    ClientSecret hashed = hash(value, validity == null ? null : now.plus(validity), now);
    Optional<OAuthClient> existing = store.find(clientId);
    if (existing.isPresent() && !existing.get().tenant().equals(tenant)) {
      throw new IllegalArgumentException("Client " + clientId + " belongs to another tenant");
    }
    List<ClientSecret> secrets =
        new ArrayList<>(existing.map(OAuthClient::secrets).orElse(List.of()));
    secrets.add(hashed);
    store.save(
        new OAuthClient(
            clientId, tenant, existing.map(OAuthClient::enabled).orElse(true), secrets));
    return new NewSecret(clientId, hashed.id(), value);
  }

  /**
   * Removes a secret; tokens obtained with it stop working on their next use.
   *
   * @return whether the client had it
   */
  public boolean removeSecret(String clientId, String secretId) {
    Optional<OAuthClient> client = store.find(clientId);
    if (client.isEmpty()) {
      return false;
    }
    List<ClientSecret> kept = new ArrayList<>(client.get().secrets());
    boolean removed = kept.removeIf(s -> s.id().equals(secretId));
    if (removed) {
      store.save(new OAuthClient(clientId, client.get().tenant(), client.get().enabled(), kept));
    }
    return removed;
  }

  /** Enables or disables a client; a disabled client's tokens stop working on their next use. */
  public void setEnabled(String clientId, boolean enabled) {
    OAuthClient client =
        store
            .find(clientId)
            .orElseThrow(() -> new IllegalArgumentException("No client " + clientId));
    store.save(new OAuthClient(clientId, client.tenant(), enabled, client.secrets()));
  }

  /**
   * The client and the id of the secret that {@code secret} is, when the client exists, is enabled,
   * and the secret is one of its active ones; otherwise empty, after the same work.
   */
  public Optional<Verified> verify(String clientId, String secret) {
    Optional<OAuthClient> client = clientId == null ? Optional.empty() : store.find(clientId);
    Instant now = clock.instant();
    List<ClientSecret> candidates =
        client.map(OAuthClient::secrets).filter(s -> !s.isEmpty()).orElse(List.of(dummy));
    String matched = null;
    for (ClientSecret candidate : candidates) {
      byte[] expected = Base64.getDecoder().decode(candidate.hash());
      byte[] presented =
          pbkdf2(
              secret == null ? "" : secret,
              Base64.getDecoder().decode(candidate.salt()),
              candidate.iterations());
      if (MessageDigest.isEqual(expected, presented) && candidate.activeAt(now)) {
        matched = candidate.id();
      }
    }
    if (client.isEmpty() || !client.get().enabled() || matched == null) {
      return Optional.empty();
    }
    return Optional.of(new Verified(client.get(), matched));
  }

  /**
   * Whether a token obtained by {@code clientId} with secret {@code secretId} may still be used:
   * the client exists, is enabled, and still has that secret, unexpired.
   */
  public boolean stillValid(String clientId, String secretId) {
    Instant now = clock.instant();
    return store
        .find(clientId)
        .filter(OAuthClient::enabled)
        .map(c -> c.secrets().stream().anyMatch(s -> s.id().equals(secretId) && s.activeAt(now)))
        .orElse(false);
  }

  /**
   * A secret just added: shown once.
   *
   * @param clientId the client
   * @param secretId the secret's id
   * @param secret the secret; never stored, never logged
   */
  public record NewSecret(String clientId, String secretId, String secret) {
    @Override
    public String toString() {
      return "NewSecret[clientId=" + clientId + ", secretId=" + secretId + ", secret=****]";
    }
  }

  /**
   * A client whose credentials were right, and which of its secrets was used.
   *
   * @param client the client
   * @param secretId the id of the secret presented
   */
  public record Verified(OAuthClient client, String secretId) {}

  private ClientSecret hash(String secret, Instant expires, Instant now) {
    byte[] salt = bytes(SALT_BYTES);
    return new ClientSecret(
        HexFormat.of().formatHex(bytes(6)),
        Base64.getEncoder().encodeToString(salt),
        Base64.getEncoder().encodeToString(pbkdf2(secret, salt, iterations)),
        iterations,
        now,
        expires);
  }

  private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java runtime has PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  private byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }
}
