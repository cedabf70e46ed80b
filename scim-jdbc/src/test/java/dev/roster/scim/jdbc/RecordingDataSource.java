package dev.roster.scim.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A data source over {@link DriverManager} that records every statement prepared through it, and
 * every execution of one with the values bound to it (so that a test can run the very statement
 * again, under {@code EXPLAIN}).
 */
final class RecordingDataSource {
  /**
   * A statement as it ran: its SQL and the values bound to its parameters, in order. A batch
   * records one execution per {@code addBatch}.
   */
  record Execution(String sql, List<Object> parameters) {
    /** Binds the same values to {@code statement}, prepared from the same parameters. */
    void bind(PreparedStatement statement) throws SQLException {
      for (int i = 0; i < parameters.size(); i++) {
        Object value = parameters.get(i);
        if (value instanceof Null none) {
          statement.setNull(i + 1, none.sqlType());
        } else {
          statement.setObject(i + 1, value);
        }
      }
    }
  }

  /** A parameter bound with {@code setNull}. */
  record Null(int sqlType) {}

  private static final Set<String> EXECUTE =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

  private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
  private final List<Execution> executions = Collections.synchronizedList(new ArrayList<>());
  private final DataSource dataSource;

  RecordingDataSource(String url, String user, String password) {
    this.dataSource =
        proxy(
            DataSource.class,
            (method, args) -> {
              if (method.getName().equals("getConnection")) {
                return recording(DriverManager.getConnection(url, user, password));
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  // Without a pool, keep the H2 database open between connections as a pool would: H2 closes a
  // database with its last connection, and then lost the last commit when reopened at once.
  private static final String KEEP_OPEN = ";DB_CLOSE_DELAY=-1";

  /**
   * Recording over {@code database}: {@code "h2"}, a file database in {@code tempDir}, or {@code
   * "postgresql"}, the test server's database (see {@link TestDatabases}).
   */
  static RecordingDataSource of(String database, Path tempDir) {
    return database.equals("h2")
        ? new RecordingDataSource(TestDatabases.h2Url(tempDir) + KEEP_OPEN, "", "")
        : new RecordingDataSource(
            TestDatabases.postgresUrl(),
            TestDatabases.setting("ROSTER_TEST_JDBC_USER"),
            TestDatabases.setting("ROSTER_TEST_JDBC_PASSWORD"));
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** The statements prepared since the last call, and forgets them. */
  List<String> take() {
    synchronized (statements) {
      List<String> taken = List.copyOf(statements);
      statements.clear();
      return taken;
    }
  }

  /** The statements executed since the last call, with their parameters, and forgets them. */
  List<Execution> takeExecutions() {
    synchronized (executions) {
      List<Execution> taken = List.copyOf(executions);
      executions.clear();
      return taken;
    }
  }

  private Connection recording(Connection connection) {
    return proxy(
        Connection.class,
        (method, args) -> {
          if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String) {
            statements.add((String) args[0]);
          }
          Object result = method.invoke(connection, args);
          if (method.getName().equals("prepareStatement")) {
            return recording((String) args[0], (PreparedStatement) result);
          }
          return result;
        });
  }

  private PreparedStatement recording(String sql, PreparedStatement statement) {
    Map<Integer, Object> bound = new TreeMap<>();
    return proxy(
        PreparedStatement.class,
        (method, args) -> {
          String name = method.getName();
          if (name.startsWith("set")
              && args != null
              && args.length >= 2
              && args[0] instanceof Integer index) {
            Object value = args[1];
            if (name.equals("setNull")) {
              value = new Null((Integer) args[1]);
            } else if (value instanceof java.sql.Array array) {
              value = array.getArray(); // its elements: the array object dies with its connection
            }
            bound.put(index, value);
          } else if (name.equals("clearParameters")) {
            bound.clear();
          } else if (EXECUTE.contains(name) && args == null) {
            executions.add(
                new Execution(sql, Collections.unmodifiableList(new ArrayList<>(bound.values()))));
          }
          return method.invoke(statement, args);
        });
  }

  @FunctionalInterface
  private interface Handler {
    Object handle(Method method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            RecordingDataSource.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              try {
                return handler.handle(method, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}
