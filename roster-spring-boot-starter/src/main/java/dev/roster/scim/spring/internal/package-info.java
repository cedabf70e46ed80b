/** Servlet plumbing shared by the starter's filter and security classes; not an API. */
package dev.roster.scim.spring.internal;
