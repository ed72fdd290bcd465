package dev.arbiter.model.meta.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2RubricStoreTest extends RubricStoreContract {

  @TempDir Path dir;
  private int n;

  @Override
  Database database() {
    Path file = dir.resolve("rubrics-" + n++).toAbsolutePath();
    return new Database("jdbc:h2:file:" + file, "sa", "", null, "r2dbc:h2:file:///" + file);
  }
}
