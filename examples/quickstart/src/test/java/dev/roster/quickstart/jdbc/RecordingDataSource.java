package dev.roster.quickstart.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** A data source over {@link DriverManager} that records every statement prepared through it. */
final class RecordingDataSource {
  private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
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

  private Connection recording(Connection connection) {
    return proxy(
        Connection.class,
        (method, args) -> {
          if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String) {
            statements.add((String) args[0]);
          }
          return method.invoke(connection, args);
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
