package dev.roster.scim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.SchemaUrns;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTest {
  private static final ResourceRef BABS =
      new ResourceRef(
          "2819c223-7f76-453a-919d-413861904646",
          "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
          "Babs Jensen",
          null);
  private static final ResourceRef MANDY =
      new ResourceRef(
          "902c246b-6245-4190-8e05-00816be7344a",
          "https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a",
          "Mandy Pepperidge",
          null);
  private static final Meta META =
      new Meta(
          "Group",
          Instant.parse("2010-01-23T04:56:22Z"),
          Instant.parse("2011-05-13T04:42:34Z"),
          "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a",
          "W/\"3694e05e9dff592\"");

  @Test
  void readsRfcGroupExample() throws IOException {
    Group group = Group.of(UserTest.rfc("8.4-group.json"));

    assertThat(group.id()).isEqualTo("e9e30dba-f08f-4109-8486-d5c6a331660a");
    assertThat(group.externalId()).isEmpty();
    assertThat(group.displayName()).contains("Tour Guides");
    assertThat(group.members()).containsExactly(BABS, MANDY);
    assertThat(group.meta()).isEqualTo(META);
  }

  @Test
  void builderReproducesRfcGroupExample() throws IOException {
    ScimResource built =
        Group.builder()
            .id("e9e30dba-f08f-4109-8486-d5c6a331660a")
            .displayName("Tour Guides")
            .member(BABS)
            .member(MANDY)
            .meta(META)
            .build();

    assertThat(built).isEqualTo(UserTest.rfc("8.4-group.json"));
    assertThat(built.schemas()).containsExactly(SchemaUrns.GROUP);
  }

  @Test
  void readsMemberNamesIgnoringCaseAndSkipsMembersWithoutValue() {
    Group group =
        Group.of(
            ScimResource.parse(
                """
                {"DisplayName": "Admins",
                 "Members": [{"Value": "1", "Type": "User"}, {"value": ""}, {"display": "x"}, "2"]}
                """));

    assertThat(group.displayName()).contains("Admins");
    assertThat(group.members()).containsExactly(ResourceRef.of("1", "User"), ResourceRef.of("2"));
  }

  @Test
  void builderReplacesAndRemovesMembers() {
    Group.Builder builder = Group.builder().displayName("Admins").member(ResourceRef.of("1"));

    ScimResource replaced = builder.members(List.of(ResourceRef.of("2", "User"))).build();
    ScimResource emptied = builder.members(List.of()).externalId("ext").build();

    assertThat(Group.of(replaced).members()).containsExactly(ResourceRef.of("2", "User"));
    assertThat(emptied.toJson())
        .isEqualTo(
            ScimResource.parse(
                    """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                     "displayName": "Admins", "externalId": "ext"}
                    """)
                .toJson());
  }
}
