package dev.roster.scim.jdbc;

import dev.roster.scim.server.auth.StoredToken;
import dev.roster.scim.server.auth.TokenStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Secret tokens in the {@code scim_tokens} table: every server process sharing the database sees a
 * revocation on its next request. Thread-safe.
 */
final class JdbcTokenStore implements TokenStore {
  private static final String COLUMNS =
      "SELECT id, tenant, label, salt, hash, created, expires, last_used, revoked FROM scim_tokens";

  private final Database database;

  JdbcTokenStore(Database database) {
    this.database = database;
  }

  @Override
  public void save(StoredToken token) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO scim_tokens (id, tenant, label, salt, hash, created, expires,"
                      + " last_used, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, token.id());
            insert.setString(2, token.tenant());
            insert.setString(3, token.label());
            insert.setString(4, token.salt());
            insert.setString(5, token.hash());
            Database.setInstant(insert, 6, token.created());
            Database.setInstant(insert, 7, token.expires());
            Database.setInstant(insert, 8, token.lastUsed());
            Database.setInstant(insert, 9, token.revoked());
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<StoredToken> find(String id) {
    List<StoredToken> found = query(COLUMNS + " WHERE id = ?", id);
    return found.stream().findFirst();
  }

  @Override
  public List<StoredToken> list(String tenant) {
    return query(COLUMNS + " WHERE tenant = ? ORDER BY created, id", tenant);
  }

  @Override
  public boolean revoke(String tenant, String id, Instant at) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE scim_tokens SET revoked = ? WHERE tenant = ? AND id = ?"
                      + " AND revoked IS NULL")) {
            Database.setInstant(update, 1, at);
            update.setString(2, tenant);
            update.setString(3, id);
            return update.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void recordUse(String id, Instant at) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE scim_tokens SET last_used = ? WHERE id = ?")) {
            Database.setInstant(update, 1, at);
            update.setString(2, id);
            update.executeUpdate();
          }
          return null;
        });
  }

  private List<StoredToken> query(String sql, String parameter) {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            List<StoredToken> tokens = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                tokens.add(token(rows));
              }
            }
            return tokens;
          }
        });
  }

  private static StoredToken token(ResultSet rows) throws SQLException {
    return new StoredToken(
        rows.getString("id"),
        rows.getString("tenant"),
        rows.getString("label"),
        rows.getString("salt"),
        rows.getString("hash"),
        Database.instant(rows, "created"),
        Database.instant(rows, "expires"),
        Database.instant(rows, "last_used"),
        Database.instant(rows, "revoked"));
  }
}
