/**
 * Filters as text acts on them: {@link dev.roster.scim.filter.FilterParser} reads filter and path
 * text into the model of {@code dev.roster.scim.core.filter} within {@code ScimLimits}; {@link
 * dev.roster.scim.filter.FilterEvaluator} tests resources against a filter in memory; {@link
 * dev.roster.scim.filter.SqlFilter} translates a filter into a parameterised SQL {@code WHERE}
 * clause over the columns a {@link dev.roster.scim.filter.SqlMapping} allows; {@link
 * dev.roster.scim.filter.ResourceOrder} sorts in memory, and {@link
 * dev.roster.scim.filter.KeysetOrder} orders the keysets of cursor-paged searches (RFC 9865).
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> the parser, the evaluator and
 * {@code SqlFilter} are immutable (or stateless) and safe to share between request threads; a
 * {@code SqlMapping} is immutable once built.
 */
package dev.roster.scim.filter;
