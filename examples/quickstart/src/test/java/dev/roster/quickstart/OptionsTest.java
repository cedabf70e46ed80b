package dev.roster.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void defaultsAreAnEmbeddedDatabaseOnLoopbackPort8080WithAGeneratedToken() {
    Options options = Options.parse(new String[0], Map.of());

    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isEqualTo(8080);
    assertThat(options.token()).isNull();
    assertThat(options.memory()).isFalse();
    assertThat(options.jdbcUrl()).isNull();
    assertThat(options.dataDir()).isEqualTo(Path.of("data"));
    assertThat(QuickstartServer.h2Url(options.dataDir()))
        .startsWith("jdbc:h2:file:/")
        .contains("/data/roster;");
  }

  @Test
  void readsEveryOptionFromTheCommandLine() {
    Options options =
        Options.parse(
            new String[] {
              "--port=9090",
              "--host",
              "0.0.0.0",
              "--token",
              "s3cret",
              "--jdbc-url",
              "jdbc:postgresql://db/roster",
              "--jdbc-user",
              "roster",
              "--jdbc-password",
              "pw",
              "--extension",
              "a.json",
              "--extension",
              "b.json"
            },
            Map.of());

    assertThat(options.port()).isEqualTo(9090);
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.token()).isEqualTo("s3cret");
    assertThat(options.tokenSource()).isEqualTo("--token");
    assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://db/roster");
    assertThat(options.jdbcUser()).isEqualTo("roster");
    assertThat(options.jdbcPassword()).isEqualTo("pw");
    assertThat(options.extensions()).containsExactly(Path.of("a.json"), Path.of("b.json"));
  }

  @Test
  void readsTheEnvironmentAndLetsTheCommandLineWin() {
    Map<String, String> env =
        Map.of(
            "ROSTER_PORT", "7070",
            "ROSTER_TOKEN", "from-env",
            "ROSTER_STORE", "memory",
            "ROSTER_EXTENSIONS", "x.json" + java.io.File.pathSeparator + "y.json");

    Options fromEnv = Options.parse(new String[0], env);
    Options overridden = Options.parse(new String[] {"--port", "6060", "--token", "cli"}, env);

    assertThat(fromEnv.port()).isEqualTo(7070);
    assertThat(fromEnv.token()).isEqualTo("from-env");
    assertThat(fromEnv.tokenSource()).isEqualTo("ROSTER_TOKEN");
    assertThat(fromEnv.memory()).isTrue();
    assertThat(fromEnv.extensions()).containsExactly(Path.of("x.json"), Path.of("y.json"));
    assertThat(overridden.port()).isEqualTo(6060);
    assertThat(overridden.tokenSource()).isEqualTo("--token");
  }

  @Test
  void rejectsUnknownOptionsMissingValuesAndBadPorts() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--prot", "1"}, Map.of()))
        .hasMessageContaining("Unknown option --prot");
    assertThatThrownBy(() -> Options.parse(new String[] {"--port"}, Map.of()))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> Options.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessageContaining("--port must be a port number");
    assertThatThrownBy(() -> Options.parse(new String[0], Map.of("ROSTER_PORT", "70000")))
        .hasMessageContaining("ROSTER_PORT must be a port number");
    assertThatThrownBy(
            () ->
                Options.parse(
                    new String[] {"--store", "memory", "--jdbc-url", "jdbc:h2:mem:x"}, Map.of()))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> Options.parse(new String[] {"--store", "disk"}, Map.of()))
        .hasMessageContaining("--store takes 'memory'");
  }

  @Test
  void tenantTokensComeFromRepeatedOptionsAndTheEnvironmentWithoutShowingATokenInErrors() {
    Options options =
        Options.parse(
            new String[] {"--tenant-token", "acme=tok-a", "--tenant-token=globex=tok-g"},
            Map.of("ROSTER_TENANT_TOKENS", "initech=tok-i"));

    assertThat(options.tenantTokens())
        .containsExactly(
            Map.entry("initech", "tok-i"),
            Map.entry("acme", "tok-a"),
            Map.entry("globex", "tok-g"));
    assertThat(options.token()).isNull();
    assertThat(options.toString()).doesNotContain("tok-a", "tok-g", "tok-i").contains("acme");
    assertThatThrownBy(() -> Options.parse(new String[] {"--tenant-token", "acme"}, Map.of()))
        .hasMessageContaining("TENANT=TOKEN");
    assertThatThrownBy(
            () ->
                Options.parse(
                    new String[] {"--tenant-token", "a=t1", "--tenant-token", "b=t1"}, Map.of()))
        .hasMessageContaining("same token")
        .hasMessageNotContaining("t1");
    assertThatThrownBy(
            () ->
                Options.parse(
                    new String[] {"--tenant-token", "a=t1", "--tenant-token", "a=t2"}, Map.of()))
        .hasMessageContaining("'a' twice");
    assertThatThrownBy(
            () -> Options.parse(new String[] {"--token", "t1", "--tenant-token", "a=t1"}, Map.of()))
        .hasMessageContaining("must not be the same token");
  }

  @Test
  void toStringShowsNoSecrets() {
    Options options =
        Options.parse(
            new String[] {
              "--token",
              "s3cret",
              "--jdbc-url",
              "jdbc:postgresql://db/r?password=pw1",
              "--jdbc-password",
              "pw2"
            },
            Map.of());

    assertThat(options.toString()).doesNotContain("s3cret", "pw1", "pw2").contains("--token");
  }

  @Test
  void helpIsRecognised() {
    assertThat(Options.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
    assertThat(Options.USAGE)
        .contains("--jdbc-url", "ROSTER_TOKEN", "--extension", "--store memory");
  }
}
