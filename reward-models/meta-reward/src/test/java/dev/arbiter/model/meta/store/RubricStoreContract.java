package dev.arbiter.model.meta.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The migration and repository tests every database runs: subclasses supply the database (H2 file,
 * PostgreSQL over a real connection).
 */
abstract class RubricStoreContract {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  /** A freshly migrated, empty database. */
  abstract Database database();

  /** JDBC URL, user, password, schema and R2DBC URL of a database. */
  record Database(String jdbcUrl, String user, String password, String schema, String r2dbcUrl) {

    RubricStore open() {
      RubricDatabase.migrate(jdbcUrl, user, password, schema);
      return new R2dbcRubricStore(
          DatabaseClient.create(RubricDatabase.connect(r2dbcUrl, user, password)),
          CLOCK,
          Duration.ofSeconds(10));
    }
  }

  static RubricDraft draft(String task, Integer parent, String criterion) {
    return new RubricDraft(
        task,
        parent,
        "write an essay",
        List.of(new RubricItem(criterion, 5, List.of("e.g. a thesis in the first paragraph"))),
        "human:test",
        parent == null ? "seed" : "edit",
        null,
        null);
  }

  @Test
  void append_buildsOneLineOfVersions() {
    RubricStore store = database().open();

    RubricVersion v1 = store.append(draft("essay", null, "Has a thesis"));
    RubricVersion v2 = store.append(draft("essay", 1, "Has a clear thesis"));
    store.append(draft("poem", null, "Rhymes"));

    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.parentVersion()).isNull();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.parentVersion()).isEqualTo(1);
    assertThat(store.latest("essay")).hasValue(v2);
    assertThat(store.find("essay", 1)).hasValue(v1);
    assertThat(store.find("essay", 3)).isEmpty();
    assertThat(store.latest("nope")).isEmpty();
    assertThat(store.history("essay")).extracting(RubricVersion::version).containsExactly(1, 2);
    assertThat(store.tasks())
        .containsExactly(java.util.Map.entry("essay", 2), java.util.Map.entry("poem", 1));
  }

  @Test
  void append_keepsProvenance() {
    RubricStore store = database().open();
    store.append(draft("essay", null, "Has a thesis"));

    store.append(
        new RubricDraft(
            "essay",
            1,
            "write an essay",
            List.of(new RubricItem("Penalize padding", 3, List.of())),
            "meta-model:judge-7b",
            "detector:length_correlation",
            "The policy pads answers.",
            "[{\"id\":\"s1\",\"score\":5}]"));

    RubricVersion v2 = store.find("essay", 2).orElseThrow();
    assertThat(v2.author()).isEqualTo("meta-model:judge-7b");
    assertThat(v2.trigger()).isEqualTo("detector:length_correlation");
    assertThat(v2.analysis()).isEqualTo("The policy pads answers.");
    assertThat(v2.samples()).isEqualTo("[{\"id\":\"s1\",\"score\":5}]");
    assertThat(v2.createdAt()).isEqualTo(CLOCK.instant());
    assertThat(v2.items()).containsExactly(new RubricItem("Penalize padding", 3, List.of()));
  }

  @Test
  void append_staleOrAheadParentConflicts() {
    RubricStore store = database().open();
    store.append(draft("essay", null, "a"));
    store.append(draft("essay", 1, "b"));

    assertThatThrownBy(() -> store.append(draft("essay", 1, "c")))
        .isInstanceOf(RubricConflictException.class)
        .hasMessageContaining("no longer at version 1");
    assertThatThrownBy(() -> store.append(draft("essay", 5, "c")))
        .isInstanceOf(RubricConflictException.class);
    assertThatThrownBy(() -> store.append(draft("essay", null, "c")))
        .isInstanceOf(RubricConflictException.class);
    assertThat(store.history("essay")).hasSize(2);
  }

  @Test
  void append_concurrentAuthorsOfOneParentCannotFork() throws Exception {
    RubricStore store = database().open();
    store.append(draft("essay", null, "a"));
    int authors = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(authors);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int i = 0; i < authors; i++) {
        String criterion = "criterion by author " + i;
        Callable<Boolean> publish =
            () -> {
              go.await();
              try {
                store.append(draft("essay", 1, criterion));
                return true;
              } catch (RubricConflictException e) {
                return false;
              }
            };
        outcomes.add(pool.submit(publish));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : outcomes) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.history("essay"))
        .extracting(RubricVersion::version, RubricVersion::parentVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, null),
            org.assertj.core.groups.Tuple.tuple(2, 1));
  }

  @Test
  void open_reopeningTheDatabaseKeepsEverything() {
    Database db = database();
    db.open().append(draft("essay", null, "a"));
    db.open().append(draft("essay", 1, "b"));

    RubricStore reopened = db.open();
    assertThat(reopened.history("essay")).extracting(RubricVersion::version).containsExactly(1, 2);
    assertThat(reopened.latest("essay").orElseThrow().items().get(0).criterion()).isEqualTo("b");
  }
}
