package dev.roster.scim.jdbc;

import static dev.roster.scim.jdbc.Database.bool;
import static dev.roster.scim.jdbc.Database.instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.internal.ResourceTrees;
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
import java.util.Comparator;
import java.util.EnumMap;
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

  /**
   * The columns of {@code scim_users u} that a search or read selects: see {@link #selectColumns}.
   */
  private static final String SELECT_COLUMNS =
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

  /**
   * Every column a search or read selects, each of {@code scim_users u} and then the user's emails,
   * phone numbers, addresses and, when {@code projection} includes them, groups, each aggregated
   * into one JSON array of arrays by a correlated subquery ({@link Migrations.Dialect#jsonRows}): a
   * user, or a page of them, is one statement, whatever its children. Each subquery reads its child
   * table by the {@code (tenant, user_id)} prefix of its primary key (memberships by their {@code
   * (tenant, member_id)} index), so the plan needs no statistics.
   */
  static String selectColumns(Migrations.Dialect dialect, Projection projection) {
    return (projection.includes("groups") ? SELECT_WITH_GROUPS : SELECT).get(dialect);
  }

  private static final Map<Migrations.Dialect, String> SELECT =
      new EnumMap<>(Migrations.Dialect.class);
  private static final Map<Migrations.Dialect, String> SELECT_WITH_GROUPS =
      new EnumMap<>(Migrations.Dialect.class);

  static {
    for (Migrations.Dialect dialect : Migrations.Dialect.values()) {
      String children =
          SELECT_COLUMNS
              + ", "
              + dialect.jsonRows(
                  "e.email, e.type, e.is_primary, e.display",
                  "scim_user_emails e WHERE e.tenant = u.tenant AND e.user_id = u.id",
                  "e.ordinal")
              + " AS emails_json, "
              + dialect.jsonRows(
                  "p.phone_number, p.type, p.is_primary, p.display",
                  "scim_user_phone_numbers p WHERE p.tenant = u.tenant AND p.user_id = u.id",
                  "p.ordinal")
              + " AS phone_numbers_json, "
              + dialect.jsonRows(
                  "a.formatted, a.street_address, a.locality, a.region, a.postal_code, a.country,"
                      + " a.type, a.is_primary",
                  "scim_user_addresses a WHERE a.tenant = u.tenant AND a.user_id = u.id",
                  "a.ordinal")
              + " AS addresses_json";
      SELECT.put(dialect, children + ", NULL AS groups_json");
      // H2 sometimes reads the memberships through the primary key's (tenant) prefix instead of the
      // (tenant, member_id) index, scanning every membership of the tenant once per user: 3 s of
      // CPU for a page of 100 users among 100,000 members of one group. The index is named for it.
      String memberships =
          dialect == Migrations.Dialect.H2
              ? "scim_group_members m USE INDEX (scim_group_members_member)"
              : "scim_group_members m";
      SELECT_WITH_GROUPS.put(
          dialect,
          children
              + ", "
              + dialect.jsonRows(
                  // The group's name by its primary key, one lookup per membership, whatever the
                  // planner would make of a join: a user is in few groups, a tenant has many.
                  "m.group_id, (SELECT g.display_name FROM scim_groups g"
                      + " WHERE g.tenant = m.tenant AND g.id = m.group_id)",
                  memberships + " WHERE m.tenant = u.tenant AND m.member_id = u.id",
                  "m.group_id")
              + " AS groups_json");
    }
  }

  /**
   * One user's row, read: its columns already as the user's JSON object, with its child rows as
   * JSON arrays ({@code null} where it has none, and groups {@code null} also when not selected).
   */
  record Row(
      String id,
      ObjectNode user,
      String otherAttributes,
      String emails,
      String phoneNumbers,
      String addresses,
      String groups) {}

  /**
   * Reads the row {@code rows} is on, selected with {@link #selectColumns}, into the JSON object
   * {@link User.Builder} would build from the same values, without the builder's copies: a page
   * reads a hundred of these.
   */
  static Row readRow(ResultSet rows) throws SQLException {
    String id = rows.getString("id");
    ObjectNode user = Json.object();
    ArrayNode schemas = user.putArray("schemas").add(SchemaUrns.USER);
    user.put("id", id);
    put(user, "externalId", rows.getString("external_id"));
    put(user, "userName", rows.getString("user_name"));
    put(user, "displayName", rows.getString("display_name"));
    put(user, "nickName", rows.getString("nick_name"));
    put(user, "profileUrl", rows.getString("profile_url"));
    put(user, "title", rows.getString("title"));
    put(user, "userType", rows.getString("user_type"));
    put(user, "preferredLanguage", rows.getString("preferred_language"));
    put(user, "locale", rows.getString("locale"));
    put(user, "timezone", rows.getString("timezone"));
    user.set(
        "meta",
        new Meta(
                "User",
                instant(rows, "created"),
                instant(rows, "last_modified"),
                null,
                Versions.format(rows.getLong("version")))
            .toJson());
    Boolean active = bool(rows, "active");
    if (active != null) {
      user.put("active", active);
    }
    ObjectNode name =
        new Name(
                rows.getString("name_formatted"),
                rows.getString("family_name"),
                rows.getString("given_name"),
                rows.getString("middle_name"),
                rows.getString("honorific_prefix"),
                rows.getString("honorific_suffix"))
            .toJson();
    if (!name.isEmpty()) {
      user.set("name", name);
    }
    String managerId = rows.getString("manager_id");
    ObjectNode enterprise =
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
            .build()
            .toJson();
    if (!enterprise.isEmpty()) {
      schemas.add(SchemaUrns.ENTERPRISE_USER);
      user.set(SchemaUrns.ENTERPRISE_USER, enterprise);
    }
    return new Row(
        id,
        user,
        rows.getString("other_attributes"),
        rows.getString("emails_json"),
        rows.getString("phone_numbers_json"),
        rows.getString("addresses_json"),
        rows.getString("groups_json"));
  }

  /**
   * Completes the rows with their child rows, in the order given, the read-only {@code groups} from
   * memberships if they were selected, and the {@code other_attributes}. Runs no statement.
   */
  static List<ScimResource> complete(
      Connection connection, String tenant, List<Row> rows, Projection projection)
      throws SQLException {
    List<ScimResource> resources = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ObjectNode user = row.user();
      putAll(user, "emails", multiValues(row.emails()), MultiValue::toJson);
      putAll(user, "phoneNumbers", multiValues(row.phoneNumbers()), MultiValue::toJson);
      putAll(user, "addresses", addresses(row.addresses()), Address::toJson);
      putAll(user, "groups", groups(row.groups()), ResourceRef::toJson);
      OtherAttributes.merge(user, row.otherAttributes(), row.id());
      // The tree was made here and nothing else holds it.
      resources.add(ResourceTrees.adopt(user));
    }
    return resources;
  }

  private static void put(ObjectNode user, String attribute, String value) {
    if (value != null) {
      user.put(attribute, value);
    }
  }

  /** Sets a multi-valued attribute to {@code values}, unless there are none. */
  private static <T> void putAll(
      ObjectNode user, String attribute, List<T> values, Function<T, ObjectNode> json) {
    if (!values.isEmpty()) {
      ArrayNode array = user.putArray(attribute);
      values.forEach(value -> array.add(json.apply(value)));
    }
  }

  /** Emails or phone numbers from {@code [[value, type, primary, display], ...]}. */
  private static List<MultiValue> multiValues(String json) throws SQLException {
    return ChildRows.map(
        json,
        v ->
            new MultiValue(
                ChildRows.text(v, 0),
                ChildRows.text(v, 3),
                ChildRows.text(v, 1),
                ChildRows.bool(v, 2)));
  }

  /**
   * Addresses from {@code [[formatted, street, locality, region, postal code, country, type,
   * primary], ...]}.
   */
  private static List<Address> addresses(String json) throws SQLException {
    return ChildRows.map(
        json,
        a ->
            new Address(
                ChildRows.text(a, 0),
                ChildRows.text(a, 1),
                ChildRows.text(a, 2),
                ChildRows.text(a, 3),
                ChildRows.text(a, 4),
                ChildRows.text(a, 5),
                ChildRows.text(a, 6),
                ChildRows.bool(a, 7)));
  }

  /**
   * The groups a user is a direct member of (RFC 7643 §4.1.2), from {@code [[id, name], ...]}, by
   * name and then id.
   */
  private static List<ResourceRef> groups(String json) throws SQLException {
    List<ResourceRef> values =
        ChildRows.map(
            json, g -> new ResourceRef(ChildRows.text(g, 0), null, ChildRows.text(g, 1), "direct"));
    values.sort(BY_NAME);
    return values;
  }

  private static final Comparator<ResourceRef> BY_NAME =
      Comparator.comparing(ResourceRef::display, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(ResourceRef::value);

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
