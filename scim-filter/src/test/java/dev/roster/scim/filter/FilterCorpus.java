package dev.roster.scim.filter;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.roster.scim.core.error.ScimType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The filter and PATCH path corpora in {@code src/test/resources/filters}: {@code valid.txt}
 * (filter and expected tree), {@code invalid.txt} (filter, scimType, position) and {@code
 * paths.txt} (both kinds, for PATCH paths). Each file's header describes its format. {@link
 * FilterCorpusTest} runs them against {@link FilterParser} and against each of its two readers;
 * {@code FastParserTest} compares the readers with each other on them.
 */
public final class FilterCorpus {
  private FilterCorpus() {}

  /** The filters of {@code valid.txt}, each with its expected tree. */
  public static List<Case> validFilters() {
    return only(false, load("valid.txt"));
  }

  /** The filters of {@code invalid.txt}, each with its scimType and position. */
  public static List<Case> invalidFilters() {
    return only(true, load("invalid.txt"));
  }

  /** The valid PATCH paths of {@code paths.txt}, each with its expected target. */
  public static List<Case> validPaths() {
    return load("paths.txt").stream().filter(c -> !c.isError()).toList();
  }

  /** The invalid PATCH paths of {@code paths.txt}, each with its scimType and position. */
  public static List<Case> invalidPaths() {
    return load("paths.txt").stream().filter(Case::isError).toList();
  }

  /**
   * One line of a corpus file: an expected tree, or a scimType and position; its {@code toString()}
   * names the parameterized test.
   */
  public record Case(
      String file, int line, String text, String expected, String type, int position) {
    /** Whether the text must be rejected. */
    public boolean isError() {
      return type != null;
    }

    /** The expected error's scimType. */
    public ScimType scimType() {
      return ScimType.fromWireValue(type)
          .orElseThrow(() -> new IllegalArgumentException(file + ":" + line + ": " + type));
    }

    @Override
    public String toString() {
      return file + ":" + line + "  " + visible(text);
    }
  }

  /** The cases of a file that holds only one kind; a line of the other kind is a corpus error. */
  private static List<Case> only(boolean errors, List<Case> cases) {
    for (Case c : cases) {
      if (c.isError() != errors) {
        throw new IllegalStateException(
            c + " belongs in " + (errors ? "valid.txt" : "invalid.txt"));
      }
    }
    return cases;
  }

  /**
   * Reads a corpus: {@code text TAB (tree)} or {@code text TAB scimType TAB position}. Splitting
   * from the right lets the text itself hold tabs.
   */
  private static List<Case> load(String file) {
    String content;
    try (InputStream in = FilterCorpus.class.getResourceAsStream("/filters/" + file)) {
      if (in == null) {
        throw new IllegalStateException("No test resource filters/" + file);
      }
      content = new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Case> cases = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int lastTab = line.lastIndexOf('\t');
      if (lastTab < 0) {
        throw new IllegalStateException(file + ":" + (i + 1) + " has no tab: " + line);
      }
      String last = line.substring(lastTab + 1);
      if (last.startsWith("(")) {
        cases.add(new Case(file, i + 1, line.substring(0, lastTab), last, null, -1));
      } else {
        int typeTab = line.lastIndexOf('\t', lastTab - 1);
        if (typeTab < 0) {
          throw new IllegalStateException(file + ":" + (i + 1) + " needs a scimType: " + line);
        }
        cases.add(
            new Case(
                file,
                i + 1,
                line.substring(0, typeTab),
                null,
                line.substring(typeTab + 1, lastTab),
                Integer.parseInt(last)));
      }
    }
    return cases;
  }

  /** The text with tabs and other control characters made visible, for test names. */
  private static String visible(String text) {
    return text.codePoints()
        .mapToObj(
            cp -> {
              if (cp == '\t') {
                return "\\t";
              }
              if (cp < 0x20 || cp == 0x7f) {
                return String.format("\\u%04x", cp);
              }
              return Character.toString(cp);
            })
        .collect(Collectors.joining());
  }
}
