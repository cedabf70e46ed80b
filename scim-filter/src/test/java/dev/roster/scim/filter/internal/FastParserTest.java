package dev.roster.scim.filter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.filter.FilterCorpus;
import dev.roster.scim.filter.FilterCorpus.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link FastParser} to {@link AntlrReader}: whenever the fast reader accepts a text, ANTLR
 * reads it to an equal AST. {@code FilterCorpusTest} checks each reader against the expected trees.
 */
class FastParserTest {
  /**
   * Of the 400,000 mutated texts, how many the fast reader must accept (it accepts 59,889 with this
   * seed): fewer would mean the differential test compares little.
   */
  private static final int MIN_MUTATED_ACCEPTED = 50_000;

  private static List<String> texts(List<Case> cases) {
    return cases.stream().map(Case::text).toList();
  }

  /** What the ANTLR reader alone makes of {@code text}, or null when it rejects it. */
  private static <T> T antlr(String text, Function<String, T> reader) {
    try {
      return reader.apply(text);
    } catch (SyntaxError e) {
      return null;
    }
  }

  private static boolean checkFilter(String text) {
    return check(text, FastParser::filter, AntlrReader::filter);
  }

  private static boolean checkPath(String text) {
    return check(text, FastParser::path, AntlrReader::path);
  }

  /**
   * True when the fast reader read {@code text} (as ANTLR does), false when it left it to ANTLR.
   */
  private static <T> boolean check(
      String text, Function<String, T> fastReader, Function<String, T> antlrReader) {
    T fast = fastReader.apply(text);
    if (fast == null) {
      return false;
    }
    assertThat(fast).as(text).isEqualTo(antlr(text, antlrReader));
    return true;
  }

  /** The texts the fast reader read (when {@code read}) or left to ANTLR (when not). */
  private static List<String> select(List<String> texts, Predicate<String> check, boolean read) {
    List<String> selected = new ArrayList<>();
    for (String text : texts) {
      if (check.test(text) == read) {
        selected.add(text);
      }
    }
    return selected;
  }

  @Test
  void readsEveryValidCorpusFilterAsAntlrDoes() {
    assertThat(select(texts(FilterCorpus.validFilters()), FastParserTest::checkFilter, false))
        .as("valid corpus filters FastParser left to ANTLR")
        .isEmpty();
  }

  @Test
  void readsEveryValidCorpusPathAsAntlrDoes() {
    assertThat(select(texts(FilterCorpus.validPaths()), FastParserTest::checkPath, false))
        .as("valid corpus PATCH paths FastParser left to ANTLR")
        .isEmpty();
  }

  @Test
  void readsNoInvalidCorpusFilterOrPath() {
    assertThat(select(texts(FilterCorpus.invalidFilters()), FastParserTest::checkFilter, true))
        .as("invalid corpus filters FastParser read")
        .isEmpty();
    assertThat(select(texts(FilterCorpus.invalidPaths()), FastParserTest::checkPath, true))
        .as("invalid corpus PATCH paths FastParser read")
        .isEmpty();
  }

  @Test
  void readsCorpusPathsAsFiltersAsAntlrDoes() {
    List<String> paths = new ArrayList<>(texts(FilterCorpus.validPaths()));
    paths.addAll(texts(FilterCorpus.invalidPaths()));

    // Most paths are not filters; those FastParser reads as filters, ANTLR must read alike.
    assertThat(select(paths, FastParserTest::checkFilter, true)).isNotEmpty();
  }

  @Test
  void agreesWithAntlrOnMutatedFilters() {
    List<String> seeds = new ArrayList<>(texts(FilterCorpus.validFilters()));
    seeds.addAll(texts(FilterCorpus.invalidFilters()));
    String alphabet = " ()[].\"\\-+:$_eEaAnNdDoOrRpPtTuUfFlLsS0123456789urn:x\t\u00e9\u212a";
    Random random = new Random(7);
    int accepted = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> {
            if (at < text.length()) {
              text.deleteCharAt(at);
            }
          }
          default -> {
            if (at < text.length()) {
              text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
          }
        }
      }
      accepted += checkFilter(text.toString()) ? 1 : 0;
      accepted += checkPath(text.toString()) ? 1 : 0;
    }
    assertThat(accepted)
        .as("mutated texts FastParser read (each compared with ANTLR's reading)")
        .isGreaterThanOrEqualTo(MIN_MUTATED_ACCEPTED);
  }
}
