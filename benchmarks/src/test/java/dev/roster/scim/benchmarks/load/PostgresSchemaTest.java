package dev.roster.scim.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The URL and names {@link PostgresSchema} builds; what it does to a database is run by hand. */
class PostgresSchemaTest {
  @Test
  void theSchemaIsAppendedAfterAQuestionMarkOrAnAmpersand() {
    assertThat(PostgresSchema.withSchema("jdbc:postgresql://h:5432/db", "s"))
        .isEqualTo("jdbc:postgresql://h:5432/db?currentSchema=s");
    assertThat(PostgresSchema.withSchema("jdbc:postgresql://h/db?ssl=true&user=u", "s"))
        .isEqualTo("jdbc:postgresql://h/db?ssl=true&user=u&currentSchema=s");
    assertThat(PostgresSchema.withSchema("jdbc:postgresql://h/db?", "s"))
        .isEqualTo("jdbc:postgresql://h/db?currentSchema=s");
    assertThat(PostgresSchema.withSchema("jdbc:postgresql://h/db?ssl=true&", "s"))
        .isEqualTo("jdbc:postgresql://h/db?ssl=true&currentSchema=s");
    assertThat(PostgresSchema.withSchema("jdbc:postgresql://h/db?options=currentSchema", "s"))
        .as("only a parameter of that name counts")
        .isEqualTo("jdbc:postgresql://h/db?options=currentSchema&currentSchema=s");
  }

  @Test
  void aUrlWithACurrentSchemaOfItsOwnIsRefused() {
    assertThatThrownBy(
            () -> PostgresSchema.withSchema("jdbc:postgresql://h/db?a=b&CurrentSchema=x", "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("currentSchema");
  }

  @Test
  void eachStoreHasItsOwnSchemaAndPostgresNone() {
    assertThat(PostgresSchema.of("postgres-fresh")).isEqualTo("roster_load_fresh");
    assertThat(PostgresSchema.of("postgres-analyzed")).isEqualTo("roster_load_analyzed");
    assertThat(PostgresSchema.of("postgres")).isNull();
    assertThat(PostgresSchema.of("h2")).isNull();
    assertThat(new PostgresSchema("jdbc:postgresql://h/db", null, null, null).serverUrl())
        .isEqualTo("jdbc:postgresql://h/db");
    assertThat(
            new PostgresSchema("jdbc:postgresql://h/db", null, null, "roster_load_fresh")
                .serverUrl())
        .isEqualTo("jdbc:postgresql://h/db?currentSchema=roster_load_fresh");
  }

  @Test
  void identifiersAreQuoted() {
    assertThat(PostgresSchema.quote("scim_users")).isEqualTo("\"scim_users\"");
    assertThat(PostgresSchema.quote("a\"b")).isEqualTo("\"a\"\"b\"");
  }
}
