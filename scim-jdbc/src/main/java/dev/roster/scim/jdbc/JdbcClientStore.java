package dev.roster.scim.jdbc;

import dev.roster.scim.server.auth.ClientSecret;
import dev.roster.scim.server.auth.ClientStore;
import dev.roster.scim.server.auth.OAuthClient;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OAuth clients of the token endpoint in {@code scim_oauth_clients} and their secrets' hashes in
 * {@code scim_oauth_client_secrets}: every server process sharing the database sees a disabled
 * client or a removed secret on its next request. Thread-safe.
 */
final class JdbcClientStore implements ClientStore {
  private final Database database;

  JdbcClientStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<OAuthClient> find(String clientId) {
    return database.inTransaction(
        connection -> {
          String tenant;
          boolean enabled;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT tenant, enabled FROM scim_oauth_clients WHERE client_id = ?")) {
            select.setString(1, clientId);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) {
                return Optional.empty();
              }
              tenant = rows.getString("tenant");
              enabled = rows.getBoolean("enabled");
            }
          }
          List<ClientSecret> secrets = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, salt, hash, iterations, created, expires"
                      + " FROM scim_oauth_client_secrets WHERE client_id = ? ORDER BY created, id")) {
            select.setString(1, clientId);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                secrets.add(
                    new ClientSecret(
                        rows.getString("id"),
                        rows.getString("salt"),
                        rows.getString("hash"),
                        rows.getInt("iterations"),
                        Database.instant(rows, "created"),
                        Database.instant(rows, "expires")));
              }
            }
          }
          return Optional.of(new OAuthClient(clientId, tenant, enabled, secrets));
        });
  }

  @Override
  public void save(OAuthClient client) {
    database.inTransaction(
        connection -> {
          // An upsert, not delete-then-insert: two processes registering the same client at once
          // (both started with it configured) wait on the client's row instead of colliding.
          try (PreparedStatement upsert = connection.prepareStatement(upsertClient())) {
            upsert.setString(1, client.clientId());
            upsert.setString(2, client.tenant());
            upsert.setBoolean(3, client.enabled());
            upsert.executeUpdate();
          }
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM scim_oauth_client_secrets WHERE client_id = ?")) {
            delete.setString(1, client.clientId());
            delete.executeUpdate();
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO scim_oauth_client_secrets (client_id, id, salt, hash, iterations,"
                      + " created, expires) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (ClientSecret secret : client.secrets()) {
              insert.setString(1, client.clientId());
              insert.setString(2, secret.id());
              insert.setString(3, secret.salt());
              insert.setString(4, secret.hash());
              insert.setInt(5, secret.iterations());
              Database.setInstant(insert, 6, secret.created());
              Database.setInstant(insert, 7, secret.expires());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  private String upsertClient() {
    return database.dialect() == Migrations.Dialect.POSTGRESQL
        ? "INSERT INTO scim_oauth_clients (client_id, tenant, enabled) VALUES (?, ?, ?)"
            + " ON CONFLICT (client_id) DO UPDATE SET tenant = EXCLUDED.tenant,"
            + " enabled = EXCLUDED.enabled"
        : "MERGE INTO scim_oauth_clients (client_id, tenant, enabled) KEY (client_id)"
            + " VALUES (?, ?, ?)";
  }
}
