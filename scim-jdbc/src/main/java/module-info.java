/**
 * Roster's JDBC store: {@link dev.roster.scim.jdbc.JdbcStore} keeps users, groups, secret tokens
 * and OAuth clients in H2 or PostgreSQL, over a {@code javax.sql.DataSource} the host owns, and
 * creates and migrates its tables.
 */
module dev.roster.scim.jdbc {
  requires transitive dev.roster.scim.server;
  requires transitive java.sql;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.roster.scim.jdbc;
}
