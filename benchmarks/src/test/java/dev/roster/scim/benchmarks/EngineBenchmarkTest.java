package dev.roster.scim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineBenchmarkTest {
  private final EngineBenchmark benchmark = new EngineBenchmark();

  @BeforeEach
  void setUp() {
    benchmark.users = 100;
    benchmark.setUp();
  }

  @Test
  void getsEachUserInTurn() throws Exception {
    JsonNode first = Fixtures.MAPPER.readTree(benchmark.get());
    JsonNode second = Fixtures.MAPPER.readTree(benchmark.get());

    assertThat(benchmark.lastResponse().status()).isEqualTo(200);
    assertThat(first.get("userName").asText()).isEqualTo("user0@example.com");
    assertThat(second.get("userName").asText()).isEqualTo("user1@example.com");
  }

  @Test
  void searchFindsOneUserByUserName() throws Exception {
    benchmark.search();
    JsonNode page = Fixtures.MAPPER.readTree(benchmark.search());

    assertThat(benchmark.lastResponse().status()).isEqualTo(200);
    assertThat(page.get("totalResults").asInt()).isEqualTo(1);
    assertThat(page.get("Resources").get(0).get("userName").asText())
        .isEqualTo("user1@example.com");
  }

  @Test
  void patchChangesTheUser() throws Exception {
    JsonNode patched = Fixtures.MAPPER.readTree(benchmark.patch());

    assertThat(benchmark.lastResponse().status()).isEqualTo(200);
    assertThat(patched.get("active").booleanValue()).isFalse();
    assertThat(patched.get("title").asText()).isEqualTo("Senior Engineer");
    assertThat(patched.get("meta").get("version").asText()).isEqualTo("W/\"2\"");
  }
}
