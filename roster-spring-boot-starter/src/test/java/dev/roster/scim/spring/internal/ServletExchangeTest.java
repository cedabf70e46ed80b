package dev.roster.scim.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServletExchangeTest {
  @Test
  void pathBelowTheBasePath() {
    assertThat(ServletExchange.pathBelow("/scim/v2/Users/1", "/scim/v2")).isEqualTo("/Users/1");
    assertThat(ServletExchange.pathBelow("/scim/v2", "/scim/v2")).isEmpty();
    assertThat(ServletExchange.pathBelow("/scim/v2x/Users", "/scim/v2")).isNull();
    assertThat(ServletExchange.pathBelow("/api/hello", "/scim/v2")).isNull();
    assertThat(ServletExchange.pathBelow("/Users", "/")).isEqualTo("/Users");
  }

  @Test
  void decodesQueryParametersLikeJaxrs() {
    Map<String, List<String>> query =
        ServletExchange.queryParameters(
            "filter=userName+eq+%22bjensen%40example.com%22&attributes=a&attributes=b&flag&&x=%zz");

    assertThat(query)
        .containsEntry("filter", List.of("userName eq \"bjensen@example.com\""))
        .containsEntry("attributes", List.of("a", "b"))
        .containsEntry("flag", List.of(""))
        .containsEntry("x", List.of("%zz"))
        .hasSize(4);
    assertThat(ServletExchange.queryParameters(null)).isEmpty();
  }
}
