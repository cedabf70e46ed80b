package dev.roster.scim.filter.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.filter.internal.antlr.ScimFilterLexer;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.junit.jupiter.api.Test;

class FastParserTest {
  /** What the ANTLR parser alone makes of text, or null when it rejects it. */
  private static <T> T antlr(String text, Function<ScimFilterParser, T> rule) {
    try {
      ScimFilterLexer lexer = new ScimFilterLexer(CharStreams.fromString(text));
      lexer.removeErrorListeners();
      ScimFilterParser parser = new ScimFilterParser(new CommonTokenStream(lexer));
      parser.removeErrorListeners();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new BailErrorStrategy());
      return rule.apply(parser);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static List<String> corpus(String file) throws IOException {
    List<String> texts = new ArrayList<>();
    try (InputStream in = FastParserTest.class.getResourceAsStream("/filters/" + file)) {
      for (String line : new String(in.readAllBytes(), UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        // <text> TAB <tree>, or <text> TAB <scimType> TAB <position> for an error.
        String text = line.substring(0, line.lastIndexOf('\t'));
        if (line.substring(line.lastIndexOf('\t') + 1).matches("[0-9]+")) {
          text = text.substring(0, text.lastIndexOf('\t'));
        }
        texts.add(text);
      }
    }
    return texts;
  }

  private static int checkFilter(String text) {
    return check(text, FastParser::filter, p -> AstBuilder.filter(p.filter()));
  }

  private static int checkPath(String text) {
    return check(text, FastParser::path, p -> AstBuilder.path(p.path()));
  }

  /** 1 when the fast path read {@code text} (as ANTLR does), 0 when it left it to ANTLR. */
  private static <T> int check(
      String text, Function<String, T> fastPath, Function<ScimFilterParser, T> rule) {
    T fast = fastPath.apply(text);
    if (fast == null) {
      return 0;
    }
    assertThat(fast).as(text).isEqualTo(antlr(text, rule));
    return 1;
  }

  @Test
  void readsWhatAntlrReadsAndNothingElse() throws IOException {
    List<String> valid = corpus("valid.txt");
    List<String> invalid = corpus("invalid.txt");
    List<String> paths = corpus("paths.txt");
    int fastValid = 0;
    for (String text : valid) {
      fastValid += checkFilter(text);
    }
    int fastInvalid = 0;
    for (String text : invalid) {
      fastInvalid += checkFilter(text);
    }
    int fastPaths = 0;
    for (String text : paths) {
      fastPaths += checkPath(text);
    }
    int fastFilters = 0;
    for (String text : paths) {
      fastFilters += checkFilter(text);
    }
    System.out.printf(
        "fast path read %d of %d valid filters, %d of %d invalid, %d of %d paths (valid and not)%n",
        fastValid, valid.size(), fastInvalid, invalid.size(), fastPaths, paths.size());
    assertThat(fastInvalid).as("invalid filters the fast path accepted").isZero();
    assertThat(fastValid).as("valid corpus filters the fast path read").isEqualTo(valid.size());
  }

  @Test
  void agreesWithAntlrOnMutatedFilters() throws IOException {
    List<String> seeds = new ArrayList<>(corpus("valid.txt"));
    seeds.addAll(corpus("invalid.txt"));
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
      accepted += checkFilter(text.toString());
      accepted += checkPath(text.toString());
    }
    System.out.println("fast path accepted " + accepted + " mutated texts, all as ANTLR read them");
  }
}
