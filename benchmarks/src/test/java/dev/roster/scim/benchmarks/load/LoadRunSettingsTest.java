package dev.roster.scim.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LoadRun}'s options: the large group's, the PostgreSQL stores, and the server options. */
class LoadRunSettingsTest {
  private static final Map<String, String> POSTGRES =
      Map.of(
          "ROSTER_LOAD_JDBC_URL", "jdbc:postgresql://db:5432/load",
          "ROSTER_LOAD_JDBC_USER", "roster",
          "ROSTER_LOAD_JDBC_PASSWORD", "secret");

  @Test
  void theLargeGroupRunsFiveRoundsOfTenThousandUnlessTold() {
    LoadRun.Settings defaults = LoadRun.Settings.parse(new String[0], Map.of());
    LoadRun.Settings told =
        LoadRun.Settings.parse(
            new String[] {"--group-rounds", "2", "--group-size", "400", "--users", "600"},
            Map.of());

    assertThat(defaults.groupRounds()).isEqualTo(5);
    assertThat(defaults.groupSize()).isEqualTo(10_000);
    assertThat(defaults.scenarios()).contains("floor", "group-10k");
    assertThat(defaults.stores()).containsExactly("memory", "h2");
    assertThat(told.groupRounds()).isEqualTo(2);
    assertThat(told.groupSize()).isEqualTo(400);
  }

  @Test
  void theLargeGroupNeedsHalfAsManyUsersAgainAsItHasMembers() {
    assertThatThrownBy(() -> LoadRun.Settings.parse(new String[] {"--users", "14999"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group-10k needs --users of at least 1.5 × --group-size (15000)");
    assertThat(LoadRun.Settings.parse(new String[] {"--users", "15000"}, Map.of()).users())
        .isEqualTo(15_000);
    assertThat(
            LoadRun.Settings.parse(
                    new String[] {"--users", "300", "--scenarios", "bare,floor,get"}, Map.of())
                .scenarios())
        .as("without group-10k any number of users does")
        .containsExactly("bare", "floor", "get");
    assertThatThrownBy(() -> LoadRun.Settings.parse(new String[] {"--group-rounds", "0"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyPostgresStoreNeedsTheUrl() {
    for (String store : List.of("postgres", "postgres-fresh", "postgres-analyzed")) {
      assertThatThrownBy(() -> LoadRun.Settings.parse(new String[] {"--stores", store}, Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("--stores " + store + " needs ROSTER_LOAD_JDBC_URL");
    }
    LoadRun.Settings settings =
        LoadRun.Settings.parse(
            new String[] {"--stores", "memory,postgres-fresh,postgres-analyzed"}, POSTGRES);

    assertThat(settings.stores()).containsExactly("memory", "postgres-fresh", "postgres-analyzed");
    assertThat(settings.jdbcUser()).isEqualTo("roster");
    assertThat(settings.jdbcPassword()).isEqualTo("secret");
    assertThat(LoadRun.Settings.parse(new String[0], POSTGRES).stores())
        .as("the default with a URL is unchanged")
        .containsExactly("memory", "h2", "postgres");
    assertThatThrownBy(
            () -> LoadRun.Settings.parse(new String[] {"--stores", "postgres-stale"}, POSTGRES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'postgres-stale' is not one of");
  }

  @Test
  void aUrlThatNamesItsOwnSchemaIsRefusedOnlyWhereTheRunSetsOne() {
    Map<String, String> env =
        Map.of("ROSTER_LOAD_JDBC_URL", "jdbc:postgresql://db/load?currentSchema=mine");

    assertThat(LoadRun.Settings.parse(new String[] {"--stores", "postgres"}, env).stores())
        .containsExactly("postgres");
    assertThatThrownBy(
            () -> LoadRun.Settings.parse(new String[] {"--stores", "postgres-fresh"}, env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("currentSchema");
  }

  @Test
  void theServerGetsTheStoresSchemaAsCurrentSchema() {
    String url = "jdbc:postgresql://db:5432/load";

    assertThat(LoadRun.serverOptions("postgres", null, url, "roster"))
        .containsExactly("--jdbc-url", url, "--jdbc-user", "roster");
    assertThat(LoadRun.serverOptions("postgres-fresh", null, url, "roster"))
        .containsExactly(
            "--jdbc-url", url + "?currentSchema=roster_load_fresh", "--jdbc-user", "roster");
    assertThat(LoadRun.serverOptions("postgres-analyzed", null, url + "?ssl=false", null))
        .containsExactly("--jdbc-url", url + "?ssl=false&currentSchema=roster_load_analyzed");
  }

  @Test
  void theUsageNamesTheNewStoresAndOptions() {
    assertThatThrownBy(() -> LoadRun.Settings.parse(new String[] {"--help"}, Map.of()))
        .hasMessageContaining("postgres-fresh,postgres-analyzed")
        .hasMessageContaining("--group-rounds N")
        .hasMessageContaining("--group-size N")
        .hasMessageContaining("bare,floor,get,")
        .hasMessageContaining("roster_load_fresh");
  }
}
