package dev.roster.scim.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.SchemaUrns;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NameCheckDifferentialTest {
  private static final Pattern ATTRNAME = Pattern.compile("(?i:\\$ref)|[A-Za-z][A-Za-z0-9$_-]*");
  private static final Pattern URN = Pattern.compile("(?i)urn:[a-z0-9][a-z0-9-]{0,31}:\\S+");

  @Test
  void loopsAgreeWithTheRegularExpressions() {
    String alphabet = "aAzZ09$_-:. \t\u000b\f\r\nuUrRnNeEfF\u212a\u017f\u00e9\u0130";
    String[] seeds = {
      "$ref",
      "$REF",
      "userName",
      "urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:x:y",
      "urn:",
      "urn:a:",
      "urn:" + "a".repeat(32) + ":x",
      "urn:" + "a".repeat(33) + ":x",
      ""
    };
    Random random = new Random(3);
    for (int n = 0; n < 300_000; n++) {
      StringBuilder text = new StringBuilder(seeds[random.nextInt(seeds.length)]);
      for (int e = random.nextInt(4); e > 0; e--) {
        int at = random.nextInt(text.length() + 1);
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        if (random.nextBoolean() || at == text.length()) {
          text.insert(at, c);
        } else {
          text.setCharAt(at, c);
        }
      }
      String s = text.toString();
      assertThat(AttributePath.isAttributeName(s)).as(s).isEqualTo(ATTRNAME.matcher(s).matches());
      assertThat(SchemaUrns.isUrn(s)).as(s).isEqualTo(URN.matcher(s).matches());
    }
  }
}
