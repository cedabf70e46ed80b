package dev.roster.scim.testkit.internal;

import dev.roster.scim.testkit.Profile;

/** What checks may depend on besides the server's answers: the profile and what it advertises. */
record Environment(Profile profile, Fixtures fixtures, ServerFacts server) {}
