package dev.arbiter.model.meta.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract over a real PostgreSQL connection: {@code 127.0.0.1:5432}, database {@code
 * test}, user {@code postgres} (override with {@code META_REWARD_PG_HOST}, {@code _PORT}, {@code
 * _DB}, {@code _USER}, {@code _PASSWORD}). Each test gets its own schema, dropped afterwards, so
 * runs sharing the server do not see each other. Skipped, visibly, when no server answers.
 */
class PostgresRubricStoreTest extends RubricStoreContract {

  static final String HOST = env("META_REWARD_PG_HOST", "127.0.0.1");
  static final String PORT = env("META_REWARD_PG_PORT", "5432");
  static final String DB = env("META_REWARD_PG_DB", "test");
  static final String USER = env("META_REWARD_PG_USER", "postgres");
  static final String PASSWORD = env("META_REWARD_PG_PASSWORD", "");
  static final String JDBC = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DB;
  static final List<String> schemas = new ArrayList<>();
  static String unreachable;

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @BeforeAll
  static void probe() {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", PASSWORD);
    p.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(JDBC, p)) {
      unreachable = null;
    } catch (SQLException e) {
      unreachable = e.getMessage();
    }
  }

  @AfterAll
  static void dropSchemas() throws SQLException {
    if (unreachable != null || schemas.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(JDBC, USER, PASSWORD);
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Override
  Database database() {
    assumeTrue(unreachable == null, "no PostgreSQL at " + JDBC + ": " + unreachable);
    String schema = "meta_reward_test_" + Long.toHexString(System.nanoTime());
    schemas.add(schema);
    return new Database(
        JDBC,
        USER,
        PASSWORD,
        schema,
        "r2dbc:postgresql://" + HOST + ":" + PORT + "/" + DB + "?schema=" + schema);
  }
}
