package dev.roster.scim.testkit.internal;

import dev.roster.scim.testkit.Profile;
import dev.roster.scim.testkit.TestkitOptions;

/**
 * What checks may depend on besides the server's answers: the profile, what the server advertises,
 * and the options (the auth suite's credentials).
 */
record Environment(
    Profile profile, Fixtures fixtures, ServerFacts server, TestkitOptions options) {}
