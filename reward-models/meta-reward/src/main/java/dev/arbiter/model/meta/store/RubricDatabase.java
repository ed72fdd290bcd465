package dev.arbiter.model.meta.store;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;

/**
 * Opens the rubric database: Flyway migrates it over JDBC (Flyway has no R2DBC driver), then the
 * store talks R2DBC. Migrations live in {@code classpath:db/migration/meta-reward} with their own
 * history table, so the module can share a database with other services.
 */
public final class RubricDatabase {

  /** The Flyway history table of this module. */
  public static final String HISTORY_TABLE = "meta_reward_schema_history";

  private RubricDatabase() {}

  /**
   * Applies pending migrations.
   *
   * @param schema the schema to migrate (created if missing), or null for the connection's default
   */
  public static void migrate(String jdbcUrl, String username, String password, String schema) {
    var config =
        Flyway.configure()
            .dataSource(jdbcUrl, username, password)
            .locations("classpath:db/migration/meta-reward")
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (schema != null && !schema.isBlank()) {
      config = config.schemas(schema).createSchemas(true);
    }
    config.load().migrate();
  }

  /**
   * A connection factory for {@code r2dbcUrl}, e.g. {@code r2dbc:h2:file:///abs/path} or {@code
   * r2dbc:pool:postgresql://host:5432/db}. Credentials given here override the URL's.
   */
  public static ConnectionFactory connect(String r2dbcUrl, String username, String password) {
    ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(r2dbcUrl).mutate();
    if (username != null && !username.isBlank()) {
      options.option(ConnectionFactoryOptions.USER, username);
    }
    if (password != null && !password.isEmpty()) {
      options.option(ConnectionFactoryOptions.PASSWORD, password);
    }
    return ConnectionFactories.get(options.build());
  }
}
