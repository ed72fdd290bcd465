package dev.arbiter.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Adds every module's {@code META-INF/arbiter/<module>-defaults.yml} on the classpath below every
 * other property source, so {@code application.yml}, the command line and the environment win.
 *
 * <p>These files hold what is not an {@code arbiter.*} record default: Spring and logging settings
 * a module needs wherever it runs (math's log levels, the shared actuator settings) and catalogs a
 * user adds to (the gateway's profiles, the rubric service's seed tasks). Each module names its
 * file after itself, so a standalone service and the one-process suite load the same files the same
 * way; no module's file hides another's, as same-named {@code application.yml}s do. Two files
 * setting one key is a start-up error: a key belongs to one module.
 */
public class ModuleDefaults implements EnvironmentPostProcessor {

  /** Where modules put their defaults. */
  public static final String LOCATION = "classpath*:META-INF/arbiter/*-defaults.yml";

  /** Prefix of the property sources' names ({@code arbiter-defaults:<file>}). */
  public static final String SOURCE_PREFIX = "arbiter-defaults:";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    for (PropertySource<?> source : load(app.getClassLoader())) {
      environment.getPropertySources().addLast(source);
    }
  }

  /**
   * The property sources of every defaults file the class loader sees, ordered by file name.
   *
   * @throws IllegalStateException when two files set the same key
   */
  public static List<PropertySource<?>> load(ClassLoader classLoader) {
    Resource[] resources;
    try {
      resources = new PathMatchingResourcePatternResolver(classLoader).getResources(LOCATION);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + LOCATION, e);
    }
    Arrays.sort(resources, Comparator.comparing(r -> Objects.requireNonNull(r.getFilename())));
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    Map<String, String> owners = new LinkedHashMap<>();
    List<PropertySource<?>> sources = new java.util.ArrayList<>();
    for (Resource resource : resources) {
      String file = resource.getFilename();
      List<PropertySource<?>> loaded;
      try {
        loaded = yaml.load(SOURCE_PREFIX + file, resource);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
      for (PropertySource<?> source : loaded) {
        for (String key : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
          String owner = owners.putIfAbsent(key, file);
          if (owner != null && !owner.equals(file)) {
            throw new IllegalStateException(
                key
                    + " is set by both "
                    + owner
                    + " and "
                    + file
                    + "; a default belongs to one module's META-INF/arbiter/*-defaults.yml");
          }
        }
        sources.add(source);
      }
    }
    return sources;
  }
}
