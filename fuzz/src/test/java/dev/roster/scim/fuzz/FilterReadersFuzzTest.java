package dev.roster.scim.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.filter.FilterParser;
import dev.roster.scim.filter.internal.AntlrReader;
import dev.roster.scim.filter.internal.FastParser;
import java.nio.charset.StandardCharsets;

/**
 * The two readers of the filter grammar, the fast one and ANTLR's, read every filter and PATCH path
 * alike; the parser fails only with a SCIM error; a parsed filter prints as text that parses back
 * to the same filter.
 */
class FilterReadersFuzzTest {
  private static final FilterParser PARSER = FilterParser.withDefaults();

  @FuzzTest(maxExecutions = 1_000_000)
  void filterReadersAgree(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Filter parsed;
    try {
      parsed = PARSER.parse(text);
    } catch (ScimException e) {
      assertThat(e.status()).isEqualTo(400);
      return;
    }
    Filter fast = FastParser.filter(text);
    if (fast != null) {
      assertThat(AntlrReader.filter(text)).as("ANTLR's reading of %s", text).isEqualTo(fast);
    }
    assertThat(PARSER.parse(parsed.toString())).as("%s printed", text).isEqualTo(parsed);
  }

  @FuzzTest(maxExecutions = 1_000_000)
  void pathReadersAgree(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    PatchPath parsed;
    try {
      parsed = PARSER.parsePath(text);
    } catch (ScimException e) {
      assertThat(e.status()).isEqualTo(400);
      return;
    }
    PatchPath fast = FastParser.path(text);
    if (fast != null) {
      assertThat(AntlrReader.path(text)).as("ANTLR's reading of %s", text).isEqualTo(fast);
    }
  }
}
