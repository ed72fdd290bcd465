package dev.arbiter.model.meta.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The store contract over a real PostgreSQL connection, from the first of these that answers:
 *
 * <ol>
 *   <li>the server named by {@code META_REWARD_PG_HOST} ({@code _PORT}, {@code _DB}, {@code _USER},
 *       {@code _PASSWORD}), when set;
 *   <li>a PostgreSQL container started through Testcontainers where a Docker engine runs: the image
 *       {@code -Darbiter.test.postgres-image}, else the local stand-in {@code
 *       arbiter-base/postgres:15} (scripts/build-base-images.sh: Debian's PostgreSQL) when present,
 *       else {@code postgres:15} from Docker Hub. Where the engine has no bridge network (the CI
 *       machine kind: host networking only) the container shares the host's network and listens on
 *       a free port of 127.0.0.1;
 *   <li>the local server on {@code 127.0.0.1:5432}, database {@code test}, user {@code postgres}.
 * </ol>
 *
 * Skipped, visibly and with each reason, only where none answers. Each test gets its own schema,
 * dropped afterwards, so runs sharing a server do not see each other.
 */
class PostgresRubricStoreTest extends RubricStoreContract {

  static final String STAND_IN = "arbiter-base/postgres:15";

  /** Where the tests connect: host, port, database, user, password. */
  record Server(String host, int port, String db, String user, String password) {

    String jdbc() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    String r2dbc(String schema) {
      return "r2dbc:postgresql://" + host + ":" + port + "/" + db + "?schema=" + schema;
    }
  }

  static final List<String> schemas = new ArrayList<>();
  static PostgreSQLContainer container;
  static Server server;
  static String unavailable;

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @BeforeAll
  static void findServer() {
    List<String> reasons = new ArrayList<>();
    if (System.getenv("META_REWARD_PG_HOST") != null) {
      server = probe(configured(env("META_REWARD_PG_HOST", "127.0.0.1")), reasons);
    } else {
      server = startContainer(reasons);
      if (server == null) {
        server = probe(configured("127.0.0.1"), reasons);
      }
    }
    if (server != null) {
      // which server the contract ran on, and why not an earlier choice: in the test's output
      System.out.println("PostgresRubricStoreTest on " + server.jdbc() + " " + reasons);
    }
    unavailable = server == null ? String.join("; ", reasons) : null;
  }

  private static Server configured(String host) {
    return new Server(
        host,
        Integer.parseInt(env("META_REWARD_PG_PORT", "5432")),
        env("META_REWARD_PG_DB", "test"),
        env("META_REWARD_PG_USER", "postgres"),
        env("META_REWARD_PG_PASSWORD", ""));
  }

  /** {@code server} when a connection to it opens, else null with the reason added. */
  private static Server probe(Server server, List<String> reasons) {
    Properties p = new Properties();
    p.setProperty("user", server.user());
    p.setProperty("password", server.password());
    p.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(server.jdbc(), p)) {
      return server;
    } catch (SQLException e) {
      reasons.add("no PostgreSQL at " + server.jdbc() + ": " + e.getMessage());
      return null;
    }
  }

  /** A started container's server, else null with the reason added. */
  private static Server startContainer(List<String> reasons) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      reasons.add("no Docker engine for a PostgreSQL container");
      return null;
    }
    DockerClient docker = DockerClientFactory.instance().client();
    String chosen = System.getProperty("arbiter.test.postgres-image", "");
    String image =
        !chosen.isBlank() ? chosen : present(docker, STAND_IN) ? STAND_IN : "postgres:15";
    boolean bridge;
    int hostPort;
    try {
      bridge = !docker.listNetworksCmd().withNameFilter("bridge").exec().isEmpty();
      hostPort = bridge ? 0 : freePort();
    } catch (RuntimeException | IOException e) {
      reasons.add("no network for a PostgreSQL container: " + e.getMessage());
      return null;
    }
    DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
    PostgreSQLContainer pg =
        new PostgreSQLContainer(name) {
          @Override
          public String getJdbcUrl() {
            // under host networking nothing is published: the server is on the host's port
            return bridge
                ? super.getJdbcUrl()
                : "jdbc:postgresql://127.0.0.1:" + hostPort + "/" + getDatabaseName();
          }
        };
    // the image's own wait (the init server's "ready", then the real one's), with room for initdb
    // on a loaded machine: 60 s (Testcontainers' default) was not always enough on 2 shared cores
    pg.waitingFor(
        Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
            .withStartupTimeout(Duration.ofMinutes(3)));
    if (!bridge) {
      // no published port: Testcontainers would wait for a binding that host networking never
      // makes (the log wait decides readiness)
      pg.setExposedPorts(List.of());
      pg.withNetworkMode("host")
          .withCommand(
              "postgres",
              "-c",
              "fsync=off",
              "-c",
              "listen_addresses=127.0.0.1",
              "-c",
              "port=" + hostPort);
    }
    try {
      pg.start();
    } catch (RuntimeException e) {
      pg.stop();
      reasons.add("PostgreSQL container from " + image + " did not start: " + e.getMessage());
      return null;
    }
    container = pg;
    return bridge
        ? new Server(
            pg.getHost(),
            pg.getMappedPort(5432),
            pg.getDatabaseName(),
            pg.getUsername(),
            pg.getPassword())
        : new Server(
            "127.0.0.1", hostPort, pg.getDatabaseName(), pg.getUsername(), pg.getPassword());
  }

  private static boolean present(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @AfterAll
  static void dropSchemasAndStop() throws SQLException {
    try {
      if (server != null && container == null && !schemas.isEmpty()) {
        try (Connection c =
                DriverManager.getConnection(server.jdbc(), server.user(), server.password());
            Statement s = c.createStatement()) {
          for (String schema : schemas) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          }
        }
      }
    } finally {
      if (container != null) {
        container.stop();
      }
    }
  }

  @Override
  Database database() {
    assumeTrue(server != null, unavailable);
    String schema = "meta_reward_test_" + Long.toHexString(System.nanoTime());
    schemas.add(schema);
    return new Database(
        server.jdbc(), server.user(), server.password(), schema, server.r2dbc(schema));
  }
}
