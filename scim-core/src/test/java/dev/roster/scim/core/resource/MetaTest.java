package dev.roster.scim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2010-01-23T04:56:22Z");
  private static final Instant MODIFIED = Instant.parse("2011-05-13T04:42:34Z");
  private static final String LOCATION =
      "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646";
  private static final Meta FULL =
      new Meta("User", CREATED, MODIFIED, LOCATION, "W/\"a330bc54f0671c9\"");

  private static JsonNode json(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  private static JsonNode rfcExample(String file) throws IOException {
    try (InputStream in = MetaTest.class.getResourceAsStream("/rfc7643/" + file)) {
      assertThat(in).as("test resource rfc7643/%s", file).isNotNull();
      return json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void emptyHasNothingSetAndWritesAnEmptyObject() {
    assertThat(Meta.EMPTY).isEqualTo(new Meta(null, null, null, null, null));
    assertThat(Meta.EMPTY.toJson().isEmpty()).isTrue();
  }

  @Test
  void writesEveryComponent() throws IOException {
    assertThat(FULL.toJson())
        .isEqualTo(
            json(
                """
                {"resourceType": "User",
                 "created": "2010-01-23T04:56:22Z",
                 "lastModified": "2011-05-13T04:42:34Z",
                 "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
                 "version": "W/\\"a330bc54f0671c9\\""}
                """));
  }

  @Test
  void leavesOutNullComponents() {
    ObjectNode json = Meta.EMPTY.withVersion("W/\"1\"").toJson();

    assertThat(json.size()).isEqualTo(1);
    assertThat(json.get("version").textValue()).isEqualTo("W/\"1\"");
  }

  @Test
  void roundTripsThroughJson() {
    assertThat(Meta.fromJson(FULL.toJson())).isEqualTo(FULL);
    assertThat(Meta.fromJson(Meta.EMPTY.toJson())).isEqualTo(Meta.EMPTY);
  }

  // RFC 7643 §8.1, §8.2, §8.4: the meta of each example reads and writes back unchanged.
  @ParameterizedTest
  @ValueSource(strings = {"8.1-minimal-user.json", "8.2-full-user.json", "8.4-group.json"})
  void readsAndWritesTheMetaOfTheRfcExamples(String file) throws IOException {
    JsonNode meta = rfcExample(file).get("meta");

    Meta read = Meta.fromJson(meta);

    assertThat(read.resourceType()).isEqualTo(meta.get("resourceType").textValue());
    assertThat(read.created()).isEqualTo(Instant.parse(meta.get("created").textValue()));
    assertThat(read.version()).startsWith("W/\"");
    assertThat(read.toJson()).isEqualTo(meta);
  }

  @Test
  void readsTheMinimalUserExample() throws IOException {
    Meta meta = Meta.fromJson(rfcExample("8.1-minimal-user.json").get("meta"));

    assertThat(meta)
        .isEqualTo(new Meta("User", CREATED, MODIFIED, LOCATION, "W/\"3694e05e9dff590\""));
  }

  @Test
  void readsMemberNamesIgnoringCase() throws IOException {
    Meta meta =
        Meta.fromJson(
            json(
                """
                {"RESOURCETYPE": "Group", "Created": "2010-01-23T04:56:22Z",
                 "lastmodified": "2011-05-13T04:42:34Z", "LOCATION": "https://x/Groups/1",
                 "Version": "W/\\"1\\""}
                """));

    assertThat(meta)
        .isEqualTo(new Meta("Group", CREATED, MODIFIED, "https://x/Groups/1", "W/\"1\""));
  }

  @Test
  void ignoresUnknownMembersAndReadsJsonNullAsAbsent() throws IOException {
    Meta meta =
        Meta.fromJson(json("{\"resourceType\": null, \"version\": \"W/\\\"2\\\"\", \"x\": 1}"));

    assertThat(meta).isEqualTo(Meta.EMPTY.withVersion("W/\"2\""));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"\"meta\"", "[]", "42", "null"})
  void readsSomethingThatIsNotAnObjectAsEmpty(String text) throws IOException {
    JsonNode json = text == null ? null : json(text);

    assertThat(Meta.fromJson(json)).isEqualTo(Meta.EMPTY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"created\": \"yesterday\"}",
        "{\"created\": \"2010-01-23\"}",
        "{\"created\": \"2010-01-23T04:56:22\"}",
        "{\"lastModified\": \"2010-13-23T04:56:22Z\"}",
        "{\"lastModified\": 1264222582}",
        "{\"created\": \"\"}"
      })
  void rejectsATimestampThatIsNotADateTimeWithZoneAsInvalidValue(String text) throws IOException {
    JsonNode json = json(text);

    assertThatThrownBy(() -> Meta.fromJson(json))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).contains(ScimType.INVALID_VALUE);
            });
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "2010-01-23T04:56:22Z, 2010-01-23T04:56:22Z",
    "2010-01-23T04:56:22.123Z, 2010-01-23T04:56:22.123Z",
    "2010-01-23T06:56:22+02:00, 2010-01-23T04:56:22Z",
    "2010-01-22T23:56:22-05:00, 2010-01-23T04:56:22Z",
  })
  void parsesDateTimesWithAZone(String text, String instant) {
    assertThat(Meta.parseDateTime(text)).isEqualTo(Instant.parse(instant));
  }

  @Test
  void writesTimestampsInUtc() {
    Meta meta = Meta.EMPTY.withCreated(Meta.parseDateTime("2010-01-23T06:56:22+02:00"));

    assertThat(meta.toJson().get("created").textValue()).isEqualTo("2010-01-23T04:56:22Z");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "7 | W/\"7\"",
        "3694e05e9dff590 | W/\"3694e05e9dff590\"",
        "W/\"3694e05e9dff590\" | W/\"3694e05e9dff590\"",
        "\"strong\" | \"strong\"",
        "a\"b | W/\"ab\"",
      })
  void weakVersionQuotesAnOpaqueTokenAndKeepsAnEntityTag(String token, String expected) {
    assertThat(Meta.weakVersion(token)).isEqualTo(expected);
  }

  @Test
  void weakVersionOfNullIsNull() {
    assertThat(Meta.weakVersion(null)).isNull();
  }

  @Test
  void withersChangeOneComponent() {
    Instant later = MODIFIED.plusSeconds(60);

    assertThat(FULL.withResourceType("Group"))
        .isEqualTo(new Meta("Group", CREATED, MODIFIED, LOCATION, FULL.version()));
    assertThat(FULL.withCreated(later))
        .isEqualTo(new Meta("User", later, MODIFIED, LOCATION, FULL.version()));
    assertThat(FULL.withLastModified(later))
        .isEqualTo(new Meta("User", CREATED, later, LOCATION, FULL.version()));
    assertThat(FULL.withLocation("https://x/1"))
        .isEqualTo(new Meta("User", CREATED, MODIFIED, "https://x/1", FULL.version()));
    assertThat(FULL.withVersion(null))
        .isEqualTo(new Meta("User", CREATED, MODIFIED, LOCATION, null));
    assertThat(FULL.version()).isEqualTo("W/\"a330bc54f0671c9\"");
  }

  @Test
  void toJsonIsAFreshObjectEachTime() {
    FULL.toJson().put("version", "changed");

    assertThat(FULL.toJson().get("version").textValue()).isEqualTo("W/\"a330bc54f0671c9\"");
  }
}
