package dev.roster.scim.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class MarkupTest {
  @Test
  void anyServerTextStaysWellFormedXml() throws Exception {
    String hostile = "<b>&\"'\u0000\u0007\uFFFF\uD800 tab\tline\nend 😀</b>";
    String xml = "<r a=\"" + Markup.attribute(hostile) + "\">" + Markup.escape(hostile) + "</r>";

    var document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    String text = document.getDocumentElement().getTextContent();
    assertThat(text).startsWith("<b>&\"'").contains("tab\tline\nend 😀").endsWith("</b>");
    assertThat(document.getDocumentElement().getAttribute("a")).contains("tab\tline\nend");
  }
}
