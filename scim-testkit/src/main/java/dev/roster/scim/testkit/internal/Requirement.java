package dev.roster.scim.testkit.internal;

import dev.roster.scim.testkit.Profile;

/** When a check applies; a check whose requirement is unmet is skipped with the reason. */
@FunctionalInterface
interface Requirement {
  /** Why the check does not apply, or null when it does. */
  String unmet(Environment env);

  Requirement NONE = env -> null;

  /** The profile provisions groups and the server serves them. */
  Requirement GROUPS =
      env -> {
        if (!env.profile().hasGroups()) {
          return "the users profile provisions no groups";
        }
        return env.server().hasGroups() ? null : env.server().noGroupsReason();
      };

  /** The full profile: manager, enterprise and custom extension attributes. */
  Requirement FULL_PROFILE =
      env ->
          env.profile() == Profile.FULL
              ? null
              : "the "
                  + env.profile().id()
                  + " profile maps no manager (only the full profile does)";

  /** {@code /ServiceProviderConfig} says {@code feature.supported} is true. */
  static Requirement feature(String feature) {
    return env -> {
      Boolean supported = env.server().supports(feature);
      if (supported == null) {
        return "the server serves no readable /ServiceProviderConfig, so whether it supports "
            + feature
            + " is unknown";
      }
      return supported ? null : "/ServiceProviderConfig says " + feature + ".supported is false";
    };
  }

  /** Both requirements. */
  default Requirement and(Requirement other) {
    return env -> {
      String first = unmet(env);
      return first != null ? first : other.unmet(env);
    };
  }
}
