package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.testkit.Defects.Defect;
import dev.roster.scim.testkit.Defects.Failure;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The auth suite tested by broken servers: for every auth check, a Roster server with a token
 * endpoint and two tenants, with one realistic defect injected ({@link AuthDefects}), makes that
 * check fail with a message that names the defect. Each test starts its own server, so that the
 * token endpoint's throttling of failures never carries over.
 */
class DefectiveAuthServersTest {
  private static final Map<String, String> CHECKS = Defects.checks(List.of(Suite.AUTH));

  /** The server of the running test, which the defects consult. */
  private volatile TwoTenants server;

  private final List<Defect> defects = AuthDefects.all(() -> server);

  @TestFactory
  Stream<DynamicTest> eachDefectFailsItsChecksWithAMessageNamingIt() {
    return Defects.tests(defects, this::expectFailure);
  }

  @Test
  void everyAuthCheckHasADefectThatFailsIt() {
    assertThat(CHECKS).hasSize(8);
    assertThat(Defects.covered(defects, CHECKS))
        .as("the checks some defect makes fail")
        .containsExactlyInAnyOrderElementsOf(CHECKS.keySet());
  }

  @Test
  void defectsHaveDistinctNames() {
    assertThat(defects.stream().map(Defect::name).toList()).doesNotHaveDuplicates();
  }

  @Test
  void withoutADefectTheProxiedServerPassesEveryAuthCheck() throws IOException {
    try (TwoTenants started = TwoTenants.start();
        Proxy proxy = Proxy.intercepting(started.roster.baseUrl(), Proxy.FORWARD)) {
      TestkitRun run = Testkit.of(options(started, proxy).build()).run();

      assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
      assertThat(run.skipped()).isZero();
      assertThat(run.passed()).isEqualTo(8);
    }
  }

  private void expectFailure(Defect defect, Failure failure) throws IOException {
    try (TwoTenants started = TwoTenants.start();
        Proxy proxy = Proxy.intercepting(started.roster.baseUrl(), defect.interceptor())) {
      server = started;
      Defects.expectFailure(
          defect,
          failure,
          options(started, proxy).checks(Defects.selector(CHECKS, failure)).build());
    } finally {
      server = null;
    }
  }

  /**
   * Every auth option, through the proxy; the other tenant by its secret token, which the tenant
   * defects recognise.
   */
  private static TestkitOptions.Builder options(TwoTenants server, Proxy proxy) {
    return TestkitOptions.builder(proxy.baseUrl())
        .suites(Suite.AUTH)
        .tokenUrl(proxy.tokenUrl())
        .clientCredentials(TwoTenants.ACME_CLIENT, server.acmeSecret)
        .otherToken(server.globexToken)
        .revokedToken(server.revokedToken)
        .expiredToken(server.expiredToken);
  }
}
