package dev.roster.scim.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LoadRun}'s options for the large group. */
class LoadRunSettingsTest {
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
  void theUsageNamesTheNewOptions() {
    assertThatThrownBy(() -> LoadRun.Settings.parse(new String[] {"--help"}, Map.of()))
        .hasMessageContaining("--group-rounds N")
        .hasMessageContaining("--group-size N")
        .hasMessageContaining("bare,floor,get,")
        .hasMessageContaining("group-10k");
  }
}
