package dev.roster.scim.testkit.internal;

/** When a check applies; a check whose requirement is unmet is skipped with the reason. */
@FunctionalInterface
interface Requirement {
  /** Why the check does not apply, or null when it does. */
  String unmet(Environment env);

  Requirement NONE = env -> null;

  /**
   * The profile provisions groups, and the server serves them with a {@code displayName} and {@code
   * members}.
   */
  Requirement GROUPS =
      env -> {
        if (!env.profile().hasGroups()) {
          return "the users profile provisions no groups";
        }
        if (!env.server().hasGroups()) {
          return env.server().noGroupsReason();
        }
        for (String path : new String[] {"displayName", "members.value"}) {
          String undeclared = env.server().undeclared(Json.GROUP, path);
          if (undeclared != null) {
            return undeclared;
          }
        }
        return null;
      };

  /**
   * Checks write each user attribute of {@code paths}: the profile maps it and the server declares
   * it (see {@link Fixtures#writes}).
   */
  static Requirement writes(String... paths) {
    return env -> {
      for (String path : paths) {
        if (!env.fixtures().writes(path)) {
          String undeclared = env.server().undeclared(Json.USER, path);
          return undeclared != null
              ? undeclared
              : "the " + env.profile().id() + " profile maps no " + path;
        }
      }
      return null;
    };
  }

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
