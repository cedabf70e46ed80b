package dev.roster.scim.benchmarks;

import java.util.List;

/**
 * The filters both parsers read: the RFC 7644 §3.4.2.2 examples and what identity providers send,
 * from a bare {@code eq} to URN-qualified paths and nested value filters. Every one is valid for
 * both parsers.
 */
final class Filters {
  static final List<String> ALL =
      List.of(
          "userName eq \"bjensen\"",
          "externalId eq \"00u1dkl5mzdYqV6Dk0h8\"",
          "name.familyName co \"O'Malley\"",
          "userName sw \"J\"",
          "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
          "title pr",
          "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
          "meta.lastModified le \"2011-05-13T04:42:34Z\"",
          "title pr and userType eq \"Employee\"",
          "title pr or userType eq \"Intern\"",
          "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
          "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co"
              + " \"example.org\")",
          "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co"
              + " \"example.org\")",
          "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
          "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and"
              + " value co \"@foo.com\"]",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq"
              + " \"26118915-6090-4610-87e4-49d8ca9f808d\"",
          "members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
          "active eq true and meta.created ge \"2024-01-01T00:00:00Z\" and not (title eq null)",
          "(displayName eq \"Tour Guides\" or displayName sw \"Employ\") and"
              + " urn:ietf:params:scim:schemas:core:2.0:Group:members[value eq"
              + " \"2819c223-7f76-453a-919d-413861904646\" or value eq"
              + " \"902c246b-6245-4190-8e05-00816be7344a\"]");

  private Filters() {}
}
