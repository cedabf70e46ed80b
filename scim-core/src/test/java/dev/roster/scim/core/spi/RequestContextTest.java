package dev.roster.scim.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestContextTest {

  @Test
  void singleTenantIsNamedDefault() {
    assertThat(RequestContext.SINGLE_TENANT).isEqualTo("default");
  }

  @Test
  void ofHasNoAttributes() {
    RequestContext context = RequestContext.of("acme", "client-1", "req-1");

    assertThat(context.tenant()).isEqualTo("acme");
    assertThat(context.principal()).isEqualTo("client-1");
    assertThat(context.requestId()).isEqualTo("req-1");
    assertThat(context.attributes()).isEmpty();
    assertThat(context.attribute("scopes", Object.class)).isEmpty();
  }

  @Test
  void findsAnAttributeOfTheAskedType() {
    RequestContext context =
        new RequestContext("acme", "client-1", "req-1", Map.of("scopes", List.of("scim.read")));

    assertThat(context.attribute("scopes", List.class)).contains(List.of("scim.read"));
    assertThat(context.attribute("scopes", Object.class)).contains(List.of("scim.read"));
  }

  @Test
  void findsNothingForAnAttributeOfAnotherTypeOrAbsent() {
    RequestContext context = new RequestContext("acme", "c", "r", Map.of("level", 3));

    assertThat(context.attribute("level", String.class)).isEmpty();
    assertThat(context.attribute("missing", Integer.class)).isEmpty();
    assertThat(context.attribute("level", Integer.class)).contains(3);
  }

  @Test
  void copiesItsAttributes() {
    Map<String, Object> attributes = new HashMap<>(Map.of("a", 1));
    RequestContext context = new RequestContext("acme", "c", "r", attributes);
    attributes.put("b", 2);

    assertThat(context.attributes()).containsOnlyKeys("a");
    assertThatThrownBy(() -> context.attributes().put("c", 3))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requiresTenantPrincipalRequestIdAndAttributes() {
    assertThatThrownBy(() -> RequestContext.of(null, "c", "r"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RequestContext.of("t", null, "r"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RequestContext.of("t", "c", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new RequestContext("t", "c", "r", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void rejectsNullAttributeValues() {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("a", null);

    assertThatThrownBy(() -> new RequestContext("t", "c", "r", attributes))
        .isInstanceOf(NullPointerException.class);
  }
}
