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
 */
package dev.roster.scim.testkit.contract;
