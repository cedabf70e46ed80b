package dev.roster.scim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.SchemaUrns;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EnterpriseUserTest {
  private static final ResourceRef JOHN =
      new ResourceRef(
          "26118915-6090-4610-87e4-49d8ca9f808d",
          "../Users/26118915-6090-4610-87e4-49d8ca9f808d",
          "John Smith",
          null);

  @Test
  void readsRfcEnterpriseUserExample() throws IOException {
    User user = User.of(UserTest.rfc("8.3-enterprise-user.json"));
    EnterpriseUser enterprise = user.enterprise().orElseThrow();

    assertThat(enterprise.employeeNumber()).contains("701984");
    assertThat(enterprise.costCenter()).contains("4130");
    assertThat(enterprise.organization()).contains("Universal Studios");
    assertThat(enterprise.division()).contains("Theme Park");
    assertThat(enterprise.department()).contains("Tour Operations");
    assertThat(enterprise.manager()).contains(JOHN);
    assertThat(user.groups())
        .first()
        .isEqualTo(
            new ResourceRef(
                "e9e30dba-f08f-4109-8486-d5c6a331660a",
                "../Groups/e9e30dba-f08f-4109-8486-d5c6a331660a",
                "Tour Guides",
                null));
  }

  @Test
  void userBuilderReproducesRfcEnterpriseUserExample() throws IOException {
    ScimResource example = UserTest.rfc("8.3-enterprise-user.json");
    User read = User.of(example);

    ScimResource built =
        User.builder()
            .id(read.id())
            .externalId("701984")
            .userName("bjensen@example.com")
            .name(read.name().orElseThrow())
            .displayName("Babs Jensen")
            .nickName("Babs")
            .profileUrl("https://login.example.com/bjensen")
            .emails(read.emails())
            .addresses(read.addresses())
            .phoneNumbers(read.phoneNumbers())
            .ims(read.ims())
            .photos(read.photos())
            .userType("Employee")
            .title("Tour Guide")
            .preferredLanguage("en-US")
            .locale("en-US")
            .timezone("America/Los_Angeles")
            .active(true)
            .password("t1meMa$heen")
            .groups(read.groups())
            .x509Certificates(read.x509Certificates())
            .enterprise(
                EnterpriseUser.builder()
                    .employeeNumber("701984")
                    .costCenter("4130")
                    .organization("Universal Studios")
                    .division("Theme Park")
                    .department("Tour Operations")
                    .manager(JOHN)
                    .build())
            .meta(read.meta())
            .build();

    assertThat(built).isEqualTo(example);
    assertThat(built.schemas()).containsExactly(SchemaUrns.USER, SchemaUrns.ENTERPRISE_USER);
  }

  @Test
  void readsManagerGivenAsBareId() {
    EnterpriseUser enterprise = read("{\"manager\": \"26118915\"}");

    assertThat(enterprise.manager()).contains(ResourceRef.of("26118915"));
    assertThat(enterprise.toJson().toString()).isEqualTo("{\"manager\":{\"value\":\"26118915\"}}");
  }

  @Test
  void readsEmptyOrMissingManagerValueAsNoManager() {
    assertThat(read("{\"manager\": {\"value\": \"\"}}").manager()).isEmpty();
    assertThat(read("{\"manager\": {\"displayName\": \"John Smith\"}}").manager()).isEmpty();
    assertThat(read("{\"manager\": \"\"}").manager()).isEmpty();
    assertThat(read("{\"manager\": null}").manager()).isEmpty();
  }

  @Test
  void readsMemberNamesIgnoringCase() {
    EnterpriseUser enterprise =
        read(
            """
            {"EmployeeNumber": "7", "COSTCENTER": "4130",
             "Manager": {"Value": "26", "$Ref": "../Users/26", "DisplayName": "John"}}
            """);

    assertThat(enterprise.employeeNumber()).contains("7");
    assertThat(enterprise.costCenter()).contains("4130");
    assertThat(enterprise.manager()).contains(new ResourceRef("26", "../Users/26", "John", null));
  }

  @Test
  void writesManagerDisplayAsDisplayNameWithoutType() {
    EnterpriseUser enterprise =
        EnterpriseUser.builder()
            .department("Tours")
            .manager(new ResourceRef("26", "../Users/26", "John", "User"))
            .build();

    assertThat(enterprise.toJson().toString())
        .isEqualTo(
            "{\"department\":\"Tours\","
                + "\"manager\":{\"value\":\"26\",\"$ref\":\"../Users/26\",\"displayName\":\"John\"}}");
    assertThat(EnterpriseUser.fromJson(enterprise.toJson())).isEqualTo(enterprise);
    assertThat(enterprise.toBuilder().department(null).build().department()).isEmpty();
  }

  @Test
  void userWithoutExtensionObjectHasNoEnterprise() {
    assertThat(
            User.of(
                    ScimResource.parse(
                        "{\"schemas\": [\""
                            + SchemaUrns.USER
                            + "\", \""
                            + SchemaUrns.ENTERPRISE_USER
                            + "\"], \"userName\": \"b\"}"))
                .enterprise())
        .isEmpty();
  }

  private static EnterpriseUser read(String extension) {
    return User.of(
            ScimResource.parse("{\"" + SchemaUrns.ENTERPRISE_USER + "\": " + extension + "}"))
        .enterprise()
        .orElseThrow();
  }
}
