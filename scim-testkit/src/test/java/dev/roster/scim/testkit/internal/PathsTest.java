package dev.roster.scim.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PathsTest {
  private static final String DEPARTMENT = Json.ENTERPRISE + ":department";

  @Test
  void writesAndReadsTheMappingTargetsOfIdentityProviders() {
    ObjectNode user = Json.object();
    Paths.write(user, "name.givenName", Json.value("Ada"));
    Paths.write(user, "emails[type eq \"work\"].value", Json.value("ada@work.example"));
    Paths.write(user, "emails[type eq \"home\"].value", Json.value("ada@home.example"));
    Paths.write(user, DEPARTMENT, Json.value("Engines"));
    Paths.write(user, Json.USER + ":userName", Json.value("ada"));

    assertThat(Json.write(user))
        .isEqualTo(
            "{\"name\":{\"givenName\":\"Ada\"},\"emails\":[{\"type\":\"work\",\"value\":"
                + "\"ada@work.example\"},{\"type\":\"home\",\"value\":\"ada@home.example\"}],"
                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":"
                + "{\"department\":\"Engines\"},\"userName\":\"ada\"}");
    assertThat(Paths.read(user, "EMAILS[TYPE eq \"Home\"].Value").asText())
        .isEqualTo("ada@home.example");
    assertThat(Paths.read(user, DEPARTMENT.toLowerCase(java.util.Locale.ROOT)).asText())
        .isEqualTo("Engines");
    assertThat(Paths.read(user, "emails.value").asText()).isEqualTo("ada@work.example");
    assertThat(Paths.read(user, "phoneNumbers[type eq \"mobile\"].value").isMissingNode()).isTrue();
  }

  @Test
  void readsBooleanFiltersAsEntraWritesThem() {
    JsonNode user =
        Json.object(
            "roles",
            Json.array(
                Json.object("primary", "False", "value", "User"),
                Json.object("primary", true, "value", "Admin")));

    assertThat(Paths.read(user, "roles[primary eq \"True\"].value").isMissingNode()).isTrue();
    assertThat(Paths.read(user, "roles[primary eq true].value").asText()).isEqualTo("Admin");
  }

  @Test
  void rejectsPathsItCannotRead() {
    assertThatThrownBy(() -> Paths.parse("emails[type co \"w\"]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
