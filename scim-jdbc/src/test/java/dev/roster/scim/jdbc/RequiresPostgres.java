package dev.roster.scim.jdbc;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when a PostgreSQL database is configured ({@link TestDatabases}), and
 * otherwise skips it with the reason, printed once so that it shows in the build's output.
 */
public final class RequiresPostgres implements ExecutionCondition {
  private static final AtomicBoolean TOLD = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (TestDatabases.setting("ROSTER_TEST_JDBC_URL") != null) {
      return ConditionEvaluationResult.enabled("ROSTER_TEST_JDBC_URL is set");
    }
    if (TOLD.compareAndSet(false, true)) {
      System.out.println(TestDatabases.NO_POSTGRES);
    }
    return ConditionEvaluationResult.disabled(TestDatabases.NO_POSTGRES);
  }
}
