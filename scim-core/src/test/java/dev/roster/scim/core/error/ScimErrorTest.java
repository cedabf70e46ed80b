package dev.roster.scim.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScimErrorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void schemaIsTheRfcErrorUrn() {
    assertThat(ScimError.SCHEMA).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
  }

  @Test
  void writesSchemasStatusAsStringScimTypeAndDetail() {
    ObjectNode json =
        new ScimError(400, ScimType.INVALID_FILTER, "Unexpected 'eqq' at position 9").toJson();

    assertThat(json.properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("schemas", "status", "scimType", "detail");
    assertThat(json.get("schemas").isArray()).isTrue();
    assertThat(json.get("schemas")).hasSize(1);
    assertThat(json.get("schemas").get(0).textValue()).isEqualTo(ScimError.SCHEMA);
    assertThat(json.get("status").isTextual()).as("status is a JSON string").isTrue();
    assertThat(json.get("status").textValue()).isEqualTo("400");
    assertThat(json.get("scimType").textValue()).isEqualTo("invalidFilter");
    assertThat(json.get("detail").textValue()).isEqualTo("Unexpected 'eqq' at position 9");
  }

  @Test
  void leavesOutScimTypeWhenThereIsNone() {
    ObjectNode json = new ScimError(404, null, "not found").toJson();

    assertThat(json.has("scimType")).isFalse();
    assertThat(json.get("status").textValue()).isEqualTo("404");
  }

  @ParameterizedTest
  @EnumSource(ScimType.class)
  void writesEachKeywordsWireValue(ScimType type) {
    ObjectNode json = new ScimError(type.defaultStatus(), type, "d").toJson();

    assertThat(json.get("scimType").textValue()).isEqualTo(type.wireValue());
    assertThat(json.get("status").textValue()).isEqualTo(Integer.toString(type.defaultStatus()));
  }

  @ParameterizedTest
  @EnumSource(ScimType.class)
  void roundTripsThroughJson(ScimType type) {
    ScimError error = new ScimError(type.defaultStatus(), type, "detail for " + type);

    assertThat(ScimError.fromJson(error.toJson())).isEqualTo(error);
  }

  @Test
  void roundTripsWithoutKeywordThroughJsonText() throws Exception {
    ScimError error = new ScimError(412, null, "version mismatch");

    ScimError read = ScimError.fromJson(json(MAPPER.writeValueAsString(error.toJson())));

    assertThat(read).isEqualTo(error);
    assertThat(read.type()).isEmpty();
  }

  // RFC 7644 §3.12, first example.
  @Test
  void readsAndWritesTheRfcNotFoundExample() throws Exception {
    JsonNode rfc =
        json(
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
              "detail":"Resource 2819c223-7f76-453a-919d-413861904646 not found",
              "status": "404"
            }
            """);

    ScimError error = ScimError.fromJson(rfc);

    assertThat(error)
        .isEqualTo(
            new ScimError(404, null, "Resource 2819c223-7f76-453a-919d-413861904646 not found"));
    assertThat(error.toJson()).isEqualTo(rfc);
  }

  // RFC 7644 §3.12, second example, with the missing comma of verified erratum 7898 restored.
  @Test
  void readsAndWritesTheRfcMutabilityExample() throws Exception {
    JsonNode rfc =
        json(
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
              "scimType":"mutability",
              "detail":"Attribute 'id' is readOnly",
              "status": "400"
            }
            """);

    ScimError error = ScimError.fromJson(rfc);

    assertThat(error)
        .isEqualTo(new ScimError(400, ScimType.MUTABILITY, "Attribute 'id' is readOnly"));
    assertThat(error.toJson()).isEqualTo(rfc);
  }

  // RFC 7644 §7.5.2, with the status of verified erratum 6893.
  @Test
  void readsAndWritesTheRfcSensitiveExample() throws Exception {
    JsonNode rfc =
        json(
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
              "detail":
                "Query filter involving 'name' is restricted or confidential",
              "scimType": "sensitive",
              "status": "403"
            }
            """);

    ScimError error = ScimError.fromJson(rfc);

    assertThat(error.status()).isEqualTo(403);
    assertThat(error.type()).contains(ScimType.SENSITIVE);
    assertThat(error.toJson()).isEqualTo(rfc);
  }

  @Test
  void acceptsANumericStatus() throws Exception {
    ScimError error = ScimError.fromJson(json("{\"status\": 409, \"scimType\": \"uniqueness\"}"));

    assertThat(error.status()).isEqualTo(409);
    assertThat(error.type()).contains(ScimType.UNIQUENESS);
  }

  @Test
  void readsScimTypeIgnoringCase() throws Exception {
    ScimError error =
        ScimError.fromJson(json("{\"status\": \"400\", \"scimType\": \"INVALIDPATH\"}"));

    assertThat(error.type()).contains(ScimType.INVALID_PATH);
  }

  @Test
  void readsAnUnknownScimTypeAsNone() throws Exception {
    ScimError error =
        ScimError.fromJson(json("{\"status\": \"400\", \"scimType\": \"cursorExpired\"}"));

    assertThat(error.type()).isEmpty();
    assertThat(error.scimType()).isNull();
  }

  @Test
  void readsTheRfc9865PaginationTypes() throws Exception {
    ScimError error =
        ScimError.fromJson(json("{\"status\": \"400\", \"scimType\": \"expiredCursor\"}"));

    assertThat(error.type()).contains(ScimType.EXPIRED_CURSOR);
  }

  @Test
  void readsAMissingDetailAsEmpty() throws Exception {
    assertThat(ScimError.fromJson(json("{\"status\": \"500\"}")).detail()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"detail\": \"no status\"}",
        "{\"status\": null}",
        "{\"status\": \"abc\"}",
        "{\"status\": \"\"}",
        "{\"status\": true}",
        "{\"status\": 400.5}",
        "{\"status\": [400]}",
        "{\"status\": {\"code\": 400}}",
        "[]",
        "\"400\""
      })
  void rejectsSomethingThatIsNotAScimErrorAsInvalidSyntax(String text) throws Exception {
    JsonNode json = json(text);

    assertThatThrownBy(() -> ScimError.fromJson(json))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).contains(ScimType.INVALID_SYNTAX);
            });
  }

  @Test
  void rejectsNullJsonAsInvalidSyntax() {
    assertThatThrownBy(() -> ScimError.fromJson(null))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_SYNTAX));
    assertThatThrownBy(() -> ScimError.fromJson(JsonNodeFactory.instance.nullNode()))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_SYNTAX));
  }

  @Test
  void requiresDetail() {
    assertThatThrownBy(() -> new ScimError(400, null, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toJsonReturnsAFreshObjectEachTime() {
    ScimError error = new ScimError(400, ScimType.NO_TARGET, "d");
    error.toJson().put("detail", "changed");

    assertThat(error.toJson().get("detail").textValue()).isEqualTo("d");
  }
}
