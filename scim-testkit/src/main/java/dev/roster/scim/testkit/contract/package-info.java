/**
 * SPI contract tests: JUnit 5 test classes that a host extends to check its own {@link
 * dev.roster.scim.core.spi.UserRepository} and {@link dev.roster.scim.core.spi.GroupRepository}
 * implementations directly, without HTTP, against what the SPI's Javadoc promises.
 *
 * <pre>{@code
 * class MyUserRepositoryContractTest extends UserRepositoryContract {
 *   @Override
 *   protected UserRepository userRepository() {
 *     return myStore.users();
 *   }
 * }
 * }</pre>
 *
 * <p>This package needs {@code dev.roster:scim-core} on the class path, which the testkit declares
 * as an optional dependency: hosts implementing the SPI have it already. The rest of the testkit
 * does not use it.
 *
 * <p><b>Nullness:</b> the repositories the subclass returns must be non-null. <b>Threading:</b> the
 * tests call the repositories from several threads at once where the SPI promises concurrency (16
 * concurrent creates, 32 concurrent member adds).
 */
package dev.roster.scim.testkit.contract;
