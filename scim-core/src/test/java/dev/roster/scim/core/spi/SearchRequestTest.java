package dev.roster.scim.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchRequestTest {
  private static final RequestContext CONTEXT =
      RequestContext.of(RequestContext.SINGLE_TENANT, "client", "req-1");

  private static SearchRequest request(int startIndex, int count) {
    return new SearchRequest(CONTEXT, null, null, startIndex, count, Projection.DEFAULT);
  }

  @Test
  void keepsItsParts() {
    Filter filter = Filter.eq("userName", "bjensen");
    Sort sort = new Sort(AttributePath.of("userName"), SortOrder.DESCENDING);

    SearchRequest request =
        new SearchRequest(CONTEXT, filter, sort, 11, 10, Projection.excluding("members"));

    assertThat(request.context()).isEqualTo(CONTEXT);
    assertThat(request.filter()).isEqualTo(filter);
    assertThat(request.sort()).isEqualTo(sort);
    assertThat(request.startIndex()).isEqualTo(11);
    assertThat(request.count()).isEqualTo(10);
    assertThat(request.projection()).isEqualTo(Projection.excluding("members"));
  }

  @Test
  void filterAndSortAreOptional() {
    SearchRequest request = request(1, 100);

    assertThat(request.filter()).isNull();
    assertThat(request.sort()).isNull();
  }

  @ParameterizedTest(name = "startIndex {0} is offset {1}")
  @CsvSource({"1, 0", "2, 1", "101, 100", "2147483647, 2147483646"})
  void offsetIsTheZeroBasedStartIndex(int startIndex, long offset) {
    assertThat(request(startIndex, 10).offset()).isEqualTo(offset);
  }

  @Test
  void countZeroAsksOnlyForTheTotal() {
    assertThat(request(1, 0).count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void rejectsAStartIndexBelowOne(int startIndex) {
    assertThatThrownBy(() -> request(startIndex, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE})
  void rejectsANegativeCount(int count) {
    assertThatThrownBy(() -> request(1, count)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requiresContextAndProjection() {
    assertThatThrownBy(() -> new SearchRequest(null, null, null, 1, 10, Projection.DEFAULT))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SearchRequest(CONTEXT, null, null, 1, 10, null))
        .isInstanceOf(NullPointerException.class);
  }
}
