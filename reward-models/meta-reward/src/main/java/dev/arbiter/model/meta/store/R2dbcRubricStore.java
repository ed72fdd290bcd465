package dev.arbiter.model.meta.store;

import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link RubricStore} over R2DBC (PostgreSQL or H2) through Spring's {@link DatabaseClient}.
 *
 * <p>Publication is one conditional insert: the row for version {@code parent + 1} is written only
 * when the task's latest version is still {@code parent}, and the primary key {@code (task,
 * version)} stops two concurrent inserts of the same number. Either way the loser gets a {@link
 * RubricConflictException} and the history stays one line.
 *
 * <p>The store answers the blocking {@link RubricStore} seam (scorers run on worker threads), each
 * call bounded by {@code timeout}.
 */
public final class R2dbcRubricStore implements RubricStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<RubricItem>> ITEMS = new TypeReference<>() {};
  private static final String COLUMNS =
      "task, version, parent_version, description, items, author, trigger_kind, analysis, samples,"
          + " created_at_ms";

  private final DatabaseClient db;
  private final Clock clock;
  private final Duration timeout;

  public R2dbcRubricStore(DatabaseClient db, Clock clock, Duration timeout) {
    this.db = db;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public RubricVersion append(RubricDraft draft) {
    int parent = draft.parentVersion() == null ? 0 : draft.parentVersion();
    long now = clock.millis();
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "INSERT INTO rubric_version ("
                    + COLUMNS
                    + ") SELECT :task, :version, :parent, :description, :items, :author, :trigger,"
                    + " :analysis, :samples, :created FROM (VALUES (1)) AS one(x) WHERE"
                    + " COALESCE((SELECT MAX(version) FROM rubric_version WHERE task = :task2), 0)"
                    + " = :expected")
            .bind("task", draft.task())
            .bind("version", parent + 1)
            .bind("description", draft.description() == null ? "" : draft.description())
            .bind("items", JSON.writeValueAsString(draft.items()))
            .bind("author", draft.author())
            .bind("trigger", draft.trigger())
            .bind("created", now)
            .bind("task2", draft.task())
            .bind("expected", parent);
    spec =
        draft.parentVersion() == null
            ? spec.bindNull("parent", Integer.class)
            : spec.bind("parent", draft.parentVersion());
    spec = bindText(spec, "analysis", draft.analysis());
    spec = bindText(spec, "samples", draft.samples());
    Long rows;
    try {
      rows = spec.fetch().rowsUpdated().block(timeout);
    } catch (DataIntegrityViolationException e) {
      throw new RubricConflictException(draft.task(), draft.parentVersion(), e);
    }
    if (rows == null || rows != 1) {
      throw new RubricConflictException(draft.task(), draft.parentVersion(), null);
    }
    return new RubricVersion(
        draft.task(),
        parent + 1,
        draft.parentVersion(),
        draft.description(),
        draft.items(),
        draft.author(),
        draft.trigger(),
        draft.analysis(),
        draft.samples(),
        Instant.ofEpochMilli(now));
  }

  private static DatabaseClient.GenericExecuteSpec bindText(
      DatabaseClient.GenericExecuteSpec spec, String name, String value) {
    return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
  }

  @Override
  public Optional<RubricVersion> latest(String task) {
    return Optional.ofNullable(
        db.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM rubric_version WHERE task = :task ORDER BY version DESC LIMIT 1")
            .bind("task", task)
            .map(R2dbcRubricStore::read)
            .one()
            .block(timeout));
  }

  @Override
  public Optional<RubricVersion> find(String task, int version) {
    return Optional.ofNullable(
        db.sql("SELECT " + COLUMNS + " FROM rubric_version WHERE task = :task AND version = :v")
            .bind("task", task)
            .bind("v", version)
            .map(R2dbcRubricStore::read)
            .one()
            .block(timeout));
  }

  @Override
  public List<RubricVersion> history(String task) {
    List<RubricVersion> out =
        db.sql("SELECT " + COLUMNS + " FROM rubric_version WHERE task = :task ORDER BY version")
            .bind("task", task)
            .map(R2dbcRubricStore::read)
            .all()
            .collectList()
            .block(timeout);
    return out == null ? List.of() : out;
  }

  @Override
  public Map<String, Integer> tasks() {
    Map<String, Integer> out = new LinkedHashMap<>();
    List<Map.Entry<String, Integer>> rows =
        db.sql(
                "SELECT task, MAX(version) AS latest FROM rubric_version GROUP BY task ORDER BY"
                    + " task")
            .map(row -> Map.entry(row.get("task", String.class), row.get("latest", Integer.class)))
            .all()
            .collectList()
            .block(timeout);
    if (rows != null) {
      rows.forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static RubricVersion read(Readable row) {
    return new RubricVersion(
        row.get("task", String.class),
        row.get("version", Integer.class),
        row.get("parent_version", Integer.class),
        row.get("description", String.class),
        JSON.readValue(row.get("items", String.class), ITEMS),
        row.get("author", String.class),
        row.get("trigger_kind", String.class),
        row.get("analysis", String.class),
        row.get("samples", String.class),
        Instant.ofEpochMilli(row.get("created_at_ms", Long.class)));
  }
}
