package dev.roster.scim.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.resource.ScimResource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {
  private static final ScimResource ONE = ScimResource.builder().id("1").build();
  private static final ScimResource TWO = ScimResource.builder().id("2").build();

  @Test
  void emptyPageHasNoResourcesAndNoMatches() {
    assertThat(Page.empty().resources()).isEmpty();
    assertThat(Page.empty().totalResults()).isZero();
  }

  @Test
  void keepsResourcesInOrder() {
    Page page = new Page(List.of(TWO, ONE), 2);

    assertThat(page.resources()).containsExactly(TWO, ONE);
    assertThat(page.totalResults()).isEqualTo(2);
  }

  @Test
  void totalMayExceedThePageAsLaterPagesHoldTheRest() {
    assertThat(new Page(List.of(ONE), 5_000_000_000L).totalResults()).isEqualTo(5_000_000_000L);
    assertThat(new Page(List.of(), 10).resources()).isEmpty();
  }

  @Test
  void rejectsATotalSmallerThanThePage() {
    assertThatThrownBy(() -> new Page(List.of(ONE, TWO), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Page(List.of(ONE), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsANegativeTotal() {
    assertThatThrownBy(() -> new Page(List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesTheResourceList() {
    List<ScimResource> resources = new ArrayList<>(List.of(ONE));
    Page page = new Page(resources, 10);
    resources.add(TWO);

    assertThat(page.resources()).containsExactly(ONE);
    assertThatThrownBy(() -> page.resources().add(TWO))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullResources() {
    assertThatThrownBy(() -> new Page(null, 0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Page(Arrays.asList(ONE, null), 2))
        .isInstanceOf(NullPointerException.class);
  }
}
