package dev.arbiter.suite.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's deployment files, found by walking up to the directory with the compose file.
 */
final class RepoFiles {

  private RepoFiles() {}

  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("docker-compose.yml")) && Files.exists(p.resolve("k8s"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      return (Map<String, Object>) new Yaml().load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a multi-document YAML file. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> yamlDocuments(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (Object doc : new Yaml().loadAll(reader)) {
        if (doc != null) {
          docs.add((Map<String, Object>) doc);
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Walks {@code keys} into nested maps; null where a key is missing. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return (T) current;
  }
}
