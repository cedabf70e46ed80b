package dev.roster.scim.testkit.internal;

import dev.roster.scim.testkit.Suite;
import java.util.ArrayList;
import java.util.List;

/** Builds a suite's ordered list of checks, numbering them from 1. */
final class Checks {
  private final Suite suite;
  private final List<Check> checks = new ArrayList<>();

  Checks(Suite suite) {
    this.suite = suite;
  }

  Checks add(String name, String reference, Check.Body body) {
    return add(name, reference, Requirement.NONE, body);
  }

  Checks add(String name, String reference, Requirement requirement, Check.Body body) {
    checks.add(new Check(suite, checks.size() + 1, name, reference, requirement, body));
    return this;
  }

  List<Check> build() {
    return List.copyOf(checks);
  }
}
