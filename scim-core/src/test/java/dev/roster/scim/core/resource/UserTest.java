package dev.roster.scim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.SchemaUrns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserTest {
  private static final String SPOKE = "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User";

  static ScimResource rfc(String file) throws IOException {
    try (InputStream in = UserTest.class.getResourceAsStream("/rfc7643/" + file)) {
      return ScimResource.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void readsRfcFullUserExample() throws IOException {
    User user = User.of(rfc("8.2-full-user.json"));

    assertThat(user.id()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(user.externalId()).contains("701984");
    assertThat(user.userName()).contains("bjensen@example.com");
    assertThat(user.name())
        .contains(new Name("Ms. Barbara J Jensen, III", "Jensen", "Barbara", "Jane", "Ms.", "III"));
    assertThat(user.displayName()).contains("Babs Jensen");
    assertThat(user.nickName()).contains("Babs");
    assertThat(user.profileUrl()).contains("https://login.example.com/bjensen");
    assertThat(user.userType()).contains("Employee");
    assertThat(user.title()).contains("Tour Guide");
    assertThat(user.preferredLanguage()).contains("en-US");
    assertThat(user.locale()).contains("en-US");
    assertThat(user.timezone()).contains("America/Los_Angeles");
    assertThat(user.active()).contains(true);
    assertThat(user.emails())
        .containsExactly(
            MultiValue.of("work", "bjensen@example.com", true),
            MultiValue.of("home", "babs@jensen.org"));
    assertThat(user.addresses())
        .containsExactly(
            new Address(
                "100 Universal City Plaza\nHollywood, CA 91608 USA",
                "100 Universal City Plaza",
                "Hollywood",
                "CA",
                "91608",
                "USA",
                "work",
                true),
            new Address(
                "456 Hollywood Blvd\nHollywood, CA 91608 USA",
                "456 Hollywood Blvd",
                "Hollywood",
                "CA",
                "91608",
                "USA",
                "home",
                null));
    assertThat(user.phoneNumbers())
        .containsExactly(
            MultiValue.of("work", "555-555-5555"), MultiValue.of("mobile", "555-555-4444"));
    assertThat(user.ims()).containsExactly(MultiValue.of("aim", "someaimhandle"));
    assertThat(user.photos())
        .extracting(MultiValue::type, MultiValue::value)
        .containsExactly(
            tuple("photo", "https://photos.example.com/profilephoto/72930000000Ccne/F"),
            tuple("thumbnail", "https://photos.example.com/profilephoto/72930000000Ccne/T"));
    assertThat(user.groups())
        .containsExactly(
            new ResourceRef(
                "e9e30dba-f08f-4109-8486-d5c6a331660a",
                "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a",
                "Tour Guides",
                null),
            new ResourceRef(
                "fc348aa8-3835-40eb-a20b-c726e15c55b5",
                "https://example.com/v2/Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5",
                "Employees",
                null),
            new ResourceRef(
                "71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7",
                "https://example.com/v2/Groups/71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7",
                "US Employees",
                null));
    assertThat(user.x509Certificates())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.value()).startsWith("MIIDQzCCAqygAwIBAgICEAAwDQYJ").endsWith("97ZkJMo=");
              assertThat(c.type()).isNull();
            });
    assertThat(user.entitlements()).isEmpty();
    assertThat(user.roles()).isEmpty();
    assertThat(user.enterprise()).isEmpty();
    assertThat(user.meta())
        .isEqualTo(
            new Meta(
                "User",
                Instant.parse("2010-01-23T04:56:22Z"),
                Instant.parse("2011-05-13T04:42:34Z"),
                "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
                "W/\"a330bc54f0671c9\""));
  }

  @Test
  void builderReproducesRfcFullUserExample() throws IOException {
    ScimResource example = rfc("8.2-full-user.json");
    User read = User.of(example);

    ScimResource built =
        User.builder()
            .id("2819c223-7f76-453a-919d-413861904646")
            .externalId("701984")
            .userName("bjensen@example.com")
            .name(read.name().orElseThrow())
            .displayName("Babs Jensen")
            .nickName("Babs")
            .profileUrl("https://login.example.com/bjensen")
            .email(MultiValue.of("work", "bjensen@example.com", true))
            .email(MultiValue.of("home", "babs@jensen.org"))
            .addresses(read.addresses())
            .phoneNumber(MultiValue.of("work", "555-555-5555"))
            .phoneNumber(MultiValue.of("mobile", "555-555-4444"))
            .im(MultiValue.of("aim", "someaimhandle"))
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
            .meta(read.meta())
            .build();

    assertThat(built).isEqualTo(example);
    assertThat(built.schemas()).containsExactly(SchemaUrns.USER);
  }

  @Test
  void readsMemberNamesIgnoringCaseAndPrimaryAsString() {
    User user =
        User.of(
            ScimResource.parse(
                """
                {"UserName": "babs", "ACTIVE": "False",
                 "Name": {"GivenName": "Barbara", "FAMILYNAME": "Jensen"},
                 "Emails": [{"Value": "a@example.com", "Type": "work", "Primary": "True"},
                            {"value": "b@example.com", "primary": "false"},
                            {"value": "c@example.com", "primary": "yes"}],
                 "Addresses": [{"Locality": "Hollywood", "PRIMARY": "true"}]}
                """));

    assertThat(user.userName()).contains("babs");
    assertThat(user.active()).contains(false);
    assertThat(user.name()).contains(Name.of("Barbara", "Jensen"));
    assertThat(user.emails())
        .containsExactly(
            new MultiValue("a@example.com", null, "work", true),
            new MultiValue("b@example.com", null, null, false),
            new MultiValue("c@example.com", null, null, null));
    assertThat(user.addresses())
        .containsExactly(new Address(null, null, "Hollywood", null, null, null, null, true));
  }

  @Test
  void readsWrongTypesAsAbsent() {
    User user =
        User.of(
            ScimResource.parse(
                """
                {"userName": {"x": 1}, "name": "Babs", "emails": {"value": "lone@example.com"},
                 "phoneNumbers": ["555"], "groups": [{"display": "no value"}]}
                """));

    assertThat(user.userName()).isEmpty();
    assertThat(user.name()).isEmpty();
    assertThat(user.active()).isEmpty();
    assertThat(user.emails()).containsExactly(MultiValue.of("lone@example.com"));
    assertThat(user.phoneNumbers()).isEmpty();
    assertThat(user.groups()).isEmpty();
  }

  @Test
  void builderListsEnterpriseUrnOnlyWhileTheExtensionIsSet() {
    EnterpriseUser enterprise = EnterpriseUser.builder().department("Tour Operations").build();

    ScimResource with = User.builder().userName("babs").enterprise(enterprise).build();
    ScimResource removedAgain =
        User.builder()
            .userName("babs")
            .attribute(
                new AttributePath(SchemaUrns.ENTERPRISE_USER, "division", null),
                TextNode.valueOf("Theme Park"))
            .enterprise(null)
            .build();

    assertThat(with.schemas()).containsExactly(SchemaUrns.USER, SchemaUrns.ENTERPRISE_USER);
    assertThat(User.of(with).enterprise()).contains(enterprise);
    assertThat(removedAgain.schemas()).containsExactly(SchemaUrns.USER);
    assertThat(removedAgain.extension(SchemaUrns.ENTERPRISE_USER)).isEmpty();
  }

  @Test
  void builderSetsCustomExtensionAttribute() {
    ScimResource built =
        User.builder()
            .userName("babs")
            .attribute(new AttributePath(SPOKE, "startDate", null), TextNode.valueOf("2024-01-02"))
            .build();

    assertThat(built.schemas()).containsExactly(SchemaUrns.USER, SPOKE);
    assertThat(built.toJson())
        .isEqualTo(
            ScimResource.parse(
                    """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                                 "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User"],
                     "userName": "babs",
                     "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User":
                       {"startDate": "2024-01-02"}}
                    """)
                .toJson());
  }

  @Test
  void builderAppendsToReplacesAndRemovesMultiValuedAttributes() {
    User.Builder builder =
        User.builder()
            .attribute(
                AttributePath.of("roles"),
                ScimResource.parse("{\"r\":[{\"value\":\"a\"}]}").get("r"))
            .role(MultiValue.of("b"))
            .email(MultiValue.of("x@example.com"))
            .emails(List.of(MultiValue.of("y@example.com")))
            .email(MultiValue.of("z@example.com"))
            .phoneNumber(MultiValue.of("555"))
            .phoneNumbers(List.of());

    User user = User.of(builder.build());

    assertThat(user.roles()).containsExactly(MultiValue.of("a"), MultiValue.of("b"));
    assertThat(user.emails())
        .containsExactly(MultiValue.of("y@example.com"), MultiValue.of("z@example.com"));
    assertThat(user.resource().get("phoneNumbers")).isNull();
  }

  @Test
  void builderWritesPasswordAndUnsetsNullValues() {
    ScimResource built =
        User.builder()
            .userName("babs")
            .displayName("Babs")
            .displayName(null)
            .password("t1meMa$heen")
            .active(false)
            .build();

    assertThat(built.toJson())
        .isEqualTo(
            ScimResource.parse(
                    """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                     "userName": "babs", "password": "t1meMa$heen", "active": false}
                    """)
                .toJson());
  }

  @Test
  void multiValueWritesFalsePrimaryOnlyWhenGivenExplicitly() {
    assertThat(MultiValue.of("work", "a@example.com", false).toJson().toString())
        .isEqualTo("{\"value\":\"a@example.com\",\"type\":\"work\"}");
    assertThat(new MultiValue("a@example.com", null, null, false).toJson().toString())
        .isEqualTo("{\"value\":\"a@example.com\",\"primary\":false}");
    assertThat(MultiValue.of("work", "a@example.com", true).isPrimary()).isTrue();
    assertThat(MultiValue.of("a@example.com").isPrimary()).isFalse();
  }
}
