package dev.roster.scim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void pagesWalkThroughTheUsersAndGetsAnswerEachUser(String store) throws Exception {
    PageBenchmark benchmark = new PageBenchmark();
    benchmark.store = store;
    benchmark.users = 250;
    benchmark.setUp();
    try {
      JsonNode first = Fixtures.MAPPER.readTree(benchmark.page());
      JsonNode second = Fixtures.MAPPER.readTree(benchmark.page());
      JsonNode third = Fixtures.MAPPER.readTree(benchmark.page());

      assertThat(benchmark.lastResponse().status()).isEqualTo(200);
      assertThat(first.get("totalResults").asInt()).isEqualTo(250);
      assertThat(first.get("Resources")).hasSize(100);
      assertThat(first.get("startIndex").asInt()).isEqualTo(1);
      assertThat(second.get("startIndex").asInt()).isEqualTo(101);
      assertThat(third.get("startIndex").asInt()).isEqualTo(1); // 201 would be a short page
      JsonNode user = second.get("Resources").get(0);
      assertThat(user.get("emails")).hasSize(2);
      assertThat(user.get("x509Certificates")).hasSize(1);
      assertThat(user.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
          .isNotNull();

      JsonNode got = Fixtures.MAPPER.readTree(benchmark.get());
      assertThat(benchmark.lastResponse().status()).isEqualTo(200);
      assertThat(got.get("userName").asText()).isEqualTo("user0@example.com");
    } finally {
      benchmark.tearDown();
    }
  }
}
