package dev.roster.scim.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.resource.ScimResource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The records of cursor paging: {@link Keyset}, {@link Seek}, and their places in searches. */
class CursorSpiTest {
  private static final RequestContext CONTEXT =
      RequestContext.of(RequestContext.SINGLE_TENANT, "client", "req-1");
  private static final ScimResource ONE = ScimResource.builder().id("1").build();

  @Test
  void aKeysetHoldsTheTypesSortValuesCompareBy() {
    assertThat(new Keyset("bjensen", "1").value()).isEqualTo("bjensen");
    assertThat(new Keyset(new BigDecimal("9.5"), "1").value()).isEqualTo(new BigDecimal("9.5"));
    assertThat(new Keyset(true, "1").value()).isEqualTo(true);
    assertThat(new Keyset(Instant.EPOCH, "1").value()).isEqualTo(Instant.EPOCH);
    assertThat(Keyset.ofId("7")).isEqualTo(new Keyset(null, "7"));
  }

  @Test
  void aKeysetRefusesOtherValuesAndNeedsAnId() {
    assertThatThrownBy(() -> new Keyset(42, "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Keyset(List.of("a"), "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Keyset("a", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aSeekStartsAtTheBeginningAfterOrBefore() {
    Keyset at = Keyset.ofId("5");

    assertThat(Seek.FIRST.isFirst()).isTrue();
    assertThat(Seek.FIRST.backward()).isFalse();
    assertThat(Seek.after(at).after()).isEqualTo(at);
    assertThat(Seek.after(at).backward()).isFalse();
    assertThat(Seek.before(at).before()).isEqualTo(at);
    assertThat(Seek.before(at).backward()).isTrue();
    assertThat(Seek.before(at).isFirst()).isFalse();
    assertThatThrownBy(() -> new Seek(at, at)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Seek.after(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void anIndexPagedSearchHasNoSeek() {
    SearchRequest request = new SearchRequest(CONTEXT, null, null, 3, 10, Projection.DEFAULT);

    assertThat(request.seek()).isNull();
  }

  @Test
  void aCursorPagedSearchStartsAtIndexOne() {
    SearchRequest request =
        SearchRequest.cursor(
            CONTEXT, null, null, Seek.after(Keyset.ofId("5")), 10, Projection.DEFAULT);

    assertThat(request.seek()).isEqualTo(Seek.after(Keyset.ofId("5")));
    assertThat(request.startIndex()).isEqualTo(1);
    assertThat(request.count()).isEqualTo(10);
  }

  @ParameterizedTest(name = "startIndex {0}, count {1}")
  @CsvSource({"2, 10", "1, 0"})
  void aCursorPagedSearchNeedsStartIndexOneAndAPositiveCount(int startIndex, int count) {
    assertThatThrownBy(
            () ->
                new SearchRequest(
                    CONTEXT, null, null, startIndex, count, Projection.DEFAULT, Seek.FIRST))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPageNamesItsNeighboursOnlyWhenItHasResources() {
    Page page = new Page(List.of(ONE), 3, Keyset.ofId("1"), Keyset.ofId("1"));

    assertThat(page.next()).isEqualTo(Keyset.ofId("1"));
    assertThat(page.previous()).isEqualTo(Keyset.ofId("1"));
    assertThat(new Page(List.of(ONE), 1).next()).isNull();
    assertThat(new Page(List.of(ONE), 1).previous()).isNull();
    assertThatThrownBy(() -> new Page(List.of(), 3, Keyset.ofId("1"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Page(List.of(), 3, null, Keyset.ofId("1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
