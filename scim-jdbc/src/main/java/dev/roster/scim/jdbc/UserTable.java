package dev.roster.scim.jdbc;

import static dev.roster.scim.jdbc.Database.bool;
import static dev.roster.scim.jdbc.Database.instant;

import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.Address;
import dev.roster.scim.core.resource.EnterpriseUser;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.MultiValue;
import dev.roster.scim.core.resource.Name;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.filter.SqlMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a User resource is laid out in {@code scim_users} and its child tables, in both directions,
 * and where filters and sorting find each attribute.
 */
final class UserTable {
  private static final String ENTERPRISE = SchemaUrns.ENTERPRISE_USER;

  /**
   * Top-level members (lower case) kept in columns or child tables, or not kept: {@code groups}
   * comes from memberships, and the store keeps no passwords (Roster never signs anyone in).
   */
  private static final Set<String> STORED_ELSEWHERE =
      Set.of(
          "schemas",
          "id",
          "meta",
          "externalid",
          "username",
          "displayname",
          "nickname",
          "profileurl",
          "title",
          "usertype",
          "preferredlanguage",
          "locale",
          "timezone",
          "active",
          "name",
          "emails",
          "phonenumbers",
          "addresses",
          "groups",
          "password",
          ENTERPRISE.toLowerCase(Locale.ROOT));

  /** A column of {@code scim_users} that holds one attribute, and how to get its value. */
  private record Column(String name, int sqlType, Function<User, Object> value) {}

  /** The attribute columns of {@code scim_users}, in the order statements bind them. */
  private static final List<Column> COLUMNS =
      List.of(
          text("user_name", u -> u.userName().orElse(null)),
          text("external_id", u -> u.externalId().orElse(null)),
          text("display_name", u -> u.displayName().orElse(null)),
          text("nick_name", u -> u.nickName().orElse(null)),
          text("profile_url", u -> u.profileUrl().orElse(null)),
          text("title", u -> u.title().orElse(null)),
          text("user_type", u -> u.userType().orElse(null)),
          text("preferred_language", u -> u.preferredLanguage().orElse(null)),
          text("locale", u -> u.locale().orElse(null)),
          text("timezone", u -> u.timezone().orElse(null)),
          new Column("active", Types.BOOLEAN, u -> u.active().orElse(null)),
          text("name_formatted", u -> name(u, Name::formatted)),
          text("family_name", u -> name(u, Name::familyName)),
          text("given_name", u -> name(u, Name::givenName)),
          text("middle_name", u -> name(u, Name::middleName)),
          text("honorific_prefix", u -> name(u, Name::honorificPrefix)),
          text("honorific_suffix", u -> name(u, Name::honorificSuffix)),
          text("employee_number", u -> enterprise(u, EnterpriseUser::employeeNumber)),
          text("cost_center", u -> enterprise(u, EnterpriseUser::costCenter)),
          text("organization", u -> enterprise(u, EnterpriseUser::organization)),
          text("division", u -> enterprise(u, EnterpriseUser::division)),
          text("department", u -> enterprise(u, EnterpriseUser::department)),
          text("manager_id", u -> manager(u, ResourceRef::value)),
          text("manager_ref", u -> manager(u, ResourceRef::ref)),
          text("manager_display_name", u -> manager(u, ResourceRef::display)),
          text("other_attributes", u -> OtherAttributes.of(u.resource(), STORED_ELSEWHERE)));

  /** Every column a search or read selects from {@code scim_users u}. */
  static final String SELECT_COLUMNS =
      "u.id, u.version, u.created, u.last_modified, "
          + COLUMNS.stream().map(c -> "u." + c.name()).collect(Collectors.joining(", "));

  static final String INSERT =
      "INSERT INTO scim_users (tenant, id, version, created, last_modified, "
          + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
          + ") VALUES (?, ?, 1, ?, ?"
          + ", ?".repeat(COLUMNS.size())
          + ")";

  /** Sets every attribute column; binds last_modified first, then the columns, then the key. */
  static final String UPDATE =
      "UPDATE scim_users SET version = version + 1, last_modified = ?, "
          + COLUMNS.stream().map(c -> c.name() + " = ?").collect(Collectors.joining(", "))
          + " WHERE tenant = ? AND id = ?";

  /**
   * Where filters and sorting find user attributes: {@code scim_users u} and its child tables.
   * Attributes not mapped here (roles, ims, custom extensions, ...) are filtered in memory, and so
   * are those of the child tables sorted (by a primary or first value). On H2, which cannot index
   * {@code LOWER(user_name)}, {@code userName} compares through the indexed generated column {@code
   * user_name_key} that holds it lower-cased; PostgreSQL indexes the expression itself.
   */
  static SqlMapping filterMapping(Migrations.Dialect dialect) {
    SqlMapping.Builder mapping = SqlMapping.builder();
    if (dialect == Migrations.Dialect.H2) {
      mapping.foldedColumn("userName", "u.user_name_key");
    } else {
      mapping.column("userName", "u.user_name");
    }
    return mapping
        .column("id", "u.id")
        .column("externalId", "u.external_id")
        .column("displayName", "u.display_name")
        .column("nickName", "u.nick_name")
        .column("profileUrl", "u.profile_url")
        .column("title", "u.title")
        .column("userType", "u.user_type")
        .column("preferredLanguage", "u.preferred_language")
        .column("locale", "u.locale")
        .column("timezone", "u.timezone")
        .column("active", "u.active")
        .column("name.formatted", "u.name_formatted")
        .column("name.familyName", "u.family_name")
        .column("name.givenName", "u.given_name")
        .column("name.middleName", "u.middle_name")
        .column("name.honorificPrefix", "u.honorific_prefix")
        .column("name.honorificSuffix", "u.honorific_suffix")
        .column("meta.created", "u.created")
        .column("meta.lastModified", "u.last_modified")
        .table("emails", "scim_user_emails", "e", "e.tenant = u.tenant AND e.user_id = u.id")
        .column("emails.value", "e.email")
        .column("emails.type", "e.type")
        .column("emails.primary", "e.is_primary")
        .column("emails.display", "e.display")
        .table(
            "phoneNumbers",
            "scim_user_phone_numbers",
            "p",
            "p.tenant = u.tenant AND p.user_id = u.id")
        .column("phoneNumbers.value", "p.phone_number")
        .column("phoneNumbers.type", "p.type")
        .column("phoneNumbers.primary", "p.is_primary")
        .column("phoneNumbers.display", "p.display")
        .table("addresses", "scim_user_addresses", "a", "a.tenant = u.tenant AND a.user_id = u.id")
        .column("addresses.formatted", "a.formatted")
        .column("addresses.streetAddress", "a.street_address")
        .column("addresses.locality", "a.locality")
        .column("addresses.region", "a.region")
        .column("addresses.postalCode", "a.postal_code")
        .column("addresses.country", "a.country")
        .column("addresses.type", "a.type")
        .column("addresses.primary", "a.is_primary")
        .table("groups", "scim_group_members", "gm", "gm.tenant = u.tenant AND gm.member_id = u.id")
        .column("groups.value", "gm.group_id")
        .column(enterprise("employeeNumber"), "u.employee_number")
        .column(enterprise("costCenter"), "u.cost_center")
        .column(enterprise("organization"), "u.organization")
        .column(enterprise("division"), "u.division")
        .column(enterprise("department"), "u.department")
        .column(new AttributePath(ENTERPRISE, "manager", "value"), "u.manager_id")
        .column(new AttributePath(ENTERPRISE, "manager", "$ref"), "u.manager_ref")
        .column(new AttributePath(ENTERPRISE, "manager", "displayName"), "u.manager_display_name")
        .build();
  }

  private UserTable() {}

  // ---- writing ------------------------------------------------------------------------------

  /** Binds the attribute columns of {@code user} from parameter {@code index} on. */
  static int bindAttributes(PreparedStatement statement, int index, User user) throws SQLException {
    int next = index;
    for (Column column : COLUMNS) {
      Object value = column.value().apply(user);
      if (value == null) {
        statement.setNull(next++, column.sqlType());
      } else {
        statement.setObject(next++, value, column.sqlType());
      }
    }
    return next;
  }

  /**
   * Writes the user's emails, phone numbers and addresses; values without any sub-attribute are
   * left out, as they carry nothing.
   */
  static void insertChildren(Connection connection, String tenant, String id, User user)
      throws SQLException {
    insertValues(
        connection,
        "INSERT INTO scim_user_emails (tenant, user_id, ordinal, email, type, is_primary, display)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        tenant,
        id,
        user.emails());
    insertValues(
        connection,
        "INSERT INTO scim_user_phone_numbers"
            + " (tenant, user_id, ordinal, phone_number, type, is_primary, display)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        tenant,
        id,
        user.phoneNumbers());
    List<Address> addresses = user.addresses();
    if (addresses.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO scim_user_addresses (tenant, user_id, ordinal, formatted, street_address,"
                + " locality, region, postal_code, country, type, is_primary)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (Address a : addresses) {
        if (a.equals(new Address(null, null, null, null, null, null, null, null))) {
          continue;
        }
        insert.setString(1, tenant);
        insert.setString(2, id);
        insert.setInt(3, ordinal++);
        Database.setText(insert, 4, a.formatted());
        Database.setText(insert, 5, a.streetAddress());
        Database.setText(insert, 6, a.locality());
        Database.setText(insert, 7, a.region());
        Database.setText(insert, 8, a.postalCode());
        Database.setText(insert, 9, a.country());
        Database.setText(insert, 10, a.type());
        Database.setBoolean(insert, 11, a.primary());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertValues(
      Connection connection, String sql, String tenant, String id, List<MultiValue> values)
      throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      int ordinal = 0;
      for (MultiValue v : values) {
        if (v.value() == null && v.type() == null && v.primary() == null && v.display() == null) {
          continue;
        }
        insert.setString(1, tenant);
        insert.setString(2, id);
        insert.setInt(3, ordinal++);
        Database.setText(insert, 4, v.value());
        Database.setText(insert, 5, v.type());
        Database.setBoolean(insert, 6, v.primary());
        Database.setText(insert, 7, v.display());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Removes the user's emails, phone numbers and addresses, before writing new ones. */
  static void deleteChildren(Connection connection, String tenant, String id) throws SQLException {
    for (String table :
        List.of("scim_user_emails", "scim_user_phone_numbers", "scim_user_addresses")) {
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM " + table + " WHERE tenant = ? AND user_id = ?")) {
        delete.setString(1, tenant);
        delete.setString(2, id);
        delete.executeUpdate();
      }
    }
  }

  // ---- reading ------------------------------------------------------------------------------

  /** One {@code scim_users} row, read, waiting for its child rows. */
  record Row(String id, User.Builder user, String otherAttributes) {}

  /** Reads the row {@code rows} is on, selected with {@link #SELECT_COLUMNS}. */
  static Row readRow(ResultSet rows) throws SQLException {
    String id = rows.getString("id");
    User.Builder user =
        User.builder()
            .id(id)
            .externalId(rows.getString("external_id"))
            .userName(rows.getString("user_name"))
            .displayName(rows.getString("display_name"))
            .nickName(rows.getString("nick_name"))
            .profileUrl(rows.getString("profile_url"))
            .title(rows.getString("title"))
            .userType(rows.getString("user_type"))
            .preferredLanguage(rows.getString("preferred_language"))
            .locale(rows.getString("locale"))
            .timezone(rows.getString("timezone"))
            .meta(
                new Meta(
                    "User",
                    instant(rows, "created"),
                    instant(rows, "last_modified"),
                    null,
                    Versions.format(rows.getLong("version"))));
    Boolean active = bool(rows, "active");
    if (active != null) {
      user.active(active);
    }
    Name name =
        new Name(
            rows.getString("name_formatted"),
            rows.getString("family_name"),
            rows.getString("given_name"),
            rows.getString("middle_name"),
            rows.getString("honorific_prefix"),
            rows.getString("honorific_suffix"));
    if (!name.equals(new Name(null, null, null, null, null, null))) {
      user.name(name);
    }
    String managerId = rows.getString("manager_id");
    EnterpriseUser enterprise =
        EnterpriseUser.builder()
            .employeeNumber(rows.getString("employee_number"))
            .costCenter(rows.getString("cost_center"))
            .organization(rows.getString("organization"))
            .division(rows.getString("division"))
            .department(rows.getString("department"))
            .manager(
                managerId == null
                    ? null
                    : new ResourceRef(
                        managerId,
                        rows.getString("manager_ref"),
                        rows.getString("manager_display_name"),
                        null))
            .build();
    if (!enterprise.equals(EnterpriseUser.builder().build())) {
      user.enterprise(enterprise);
    }
    return new Row(id, user, rows.getString("other_attributes"));
  }

  /**
   * Completes the rows with their child rows, in the order given, and the read-only {@code groups}
   * from memberships if {@code projection} includes them.
   */
  static List<ScimResource> complete(
      Connection connection, String tenant, List<Row> rows, Projection projection)
      throws SQLException {
    boolean withGroups = projection.includes("groups");
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = rows.stream().map(Row::id).toList();
    Map<String, List<MultiValue>> emails =
        readValues(connection, "scim_user_emails", "email", tenant, ids);
    Map<String, List<MultiValue>> phones =
        readValues(connection, "scim_user_phone_numbers", "phone_number", tenant, ids);
    Map<String, List<Address>> addresses = readAddresses(connection, tenant, ids);
    Map<String, List<ResourceRef>> groups =
        withGroups ? readGroups(connection, tenant, ids) : Map.of();
    List<ScimResource> resources = new ArrayList<>(rows.size());
    for (Row row : rows) {
      User.Builder user = row.user();
      user.emails(emails.getOrDefault(row.id(), List.of()));
      user.phoneNumbers(phones.getOrDefault(row.id(), List.of()));
      user.addresses(addresses.getOrDefault(row.id(), List.of()));
      user.groups(groups.getOrDefault(row.id(), List.of()));
      resources.add(OtherAttributes.merge(user.build(), row.otherAttributes()));
    }
    return resources;
  }

  private static Map<String, List<MultiValue>> readValues(
      Connection connection, String table, String valueColumn, String tenant, List<String> ids)
      throws SQLException {
    Map<String, List<MultiValue>> byUser = new HashMap<>();
    String sql =
        "SELECT v.user_id, v."
            + valueColumn
            + ", v.type, v.is_primary, v.display FROM "
            + Database.IDS
            + " LEFT JOIN "
            + table
            + " v ON v.tenant = ? AND v.user_id = ids.id ORDER BY v.user_id, v.ordinal";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      Database.bindIds(select, 1, ids);
      select.setString(2, tenant);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String owner = rows.getString("user_id");
          if (owner == null) {
            continue; // an id without rows here: the outer join's row of nulls
          }
          byUser
              .computeIfAbsent(owner, k -> new ArrayList<>())
              .add(
                  new MultiValue(
                      rows.getString(valueColumn),
                      rows.getString("display"),
                      rows.getString("type"),
                      bool(rows, "is_primary")));
        }
      }
    }
    return byUser;
  }

  private static Map<String, List<Address>> readAddresses(
      Connection connection, String tenant, List<String> ids) throws SQLException {
    Map<String, List<Address>> byUser = new HashMap<>();
    String sql =
        "SELECT a.user_id, a.formatted, a.street_address, a.locality, a.region, a.postal_code,"
            + " a.country, a.type, a.is_primary FROM "
            + Database.IDS
            + " LEFT JOIN scim_user_addresses a ON a.tenant = ? AND a.user_id = ids.id"
            + " ORDER BY a.user_id, a.ordinal";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      Database.bindIds(select, 1, ids);
      select.setString(2, tenant);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String owner = rows.getString("user_id");
          if (owner == null) {
            continue; // an id without rows here: the outer join's row of nulls
          }
          byUser
              .computeIfAbsent(owner, k -> new ArrayList<>())
              .add(
                  new Address(
                      rows.getString("formatted"),
                      rows.getString("street_address"),
                      rows.getString("locality"),
                      rows.getString("region"),
                      rows.getString("postal_code"),
                      rows.getString("country"),
                      rows.getString("type"),
                      bool(rows, "is_primary")));
        }
      }
    }
    return byUser;
  }

  /** The groups each user is a direct member of (RFC 7643 §4.1.2 {@code groups}). */
  private static Map<String, List<ResourceRef>> readGroups(
      Connection connection, String tenant, List<String> ids) throws SQLException {
    Map<String, List<ResourceRef>> byUser = new LinkedHashMap<>();
    // H2 sometimes reads the memberships through the primary key's (tenant) prefix instead of the
    // (tenant, member_id) index, scanning every membership of the tenant once per user: 3 s of
    // CPU for a page of 100 users among 100,000 members of one group. The index is named for it.
    String memberships =
        Migrations.Dialect.of(connection) == Migrations.Dialect.H2
            ? "scim_group_members m USE INDEX (scim_group_members_member)"
            : "scim_group_members m";
    String sql =
        "SELECT m.member_id, g.id, g.display_name FROM "
            + Database.IDS
            + " LEFT JOIN "
            + memberships
            + " ON m.tenant = ? AND m.member_id = ids.id"
            + " LEFT JOIN scim_groups g ON g.tenant = m.tenant AND g.id = m.group_id"
            + " ORDER BY m.member_id, g.display_name";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      Database.bindIds(select, 1, ids);
      select.setString(2, tenant);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String owner = rows.getString("member_id");
          if (owner == null) {
            continue; // an id without rows here: the outer join's row of nulls
          }
          byUser
              .computeIfAbsent(owner, k -> new ArrayList<>())
              .add(
                  new ResourceRef(
                      rows.getString("id"), null, rows.getString("display_name"), "direct"));
        }
      }
    }
    return byUser;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Column text(String name, Function<User, Object> value) {
    return new Column(name, Types.VARCHAR, value);
  }

  private static AttributePath enterprise(String attribute) {
    return new AttributePath(ENTERPRISE, attribute, null);
  }

  private static String name(User user, Function<Name, String> part) {
    return user.name().map(part).orElse(null);
  }

  private static String enterprise(User user, Function<EnterpriseUser, Optional<String>> part) {
    return user.enterprise().flatMap(part).orElse(null);
  }

  private static String manager(User user, Function<ResourceRef, String> part) {
    return user.enterprise().flatMap(EnterpriseUser::manager).map(part).orElse(null);
  }
}
