package dev.arbiter.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Keeps the previous release's property names working, with a warning naming the new one.
 *
 * <p>For every property source that sets an old name (in any form Spring binds: {@code
 * arbiter.meta-reward.judge.base-url}, {@code ARBITER_META_REWARD_JUDGE_BASE_URL}), a source with
 * the new names is added right below it: the new name set in the same source wins, and a source
 * above still wins over one below, as if the user had written the new name. To be removed in the
 * release after next.
 */
public class RenamedProperties implements EnvironmentPostProcessor {

  /** Old name (a prefix or a whole property) to new name. */
  public static final Map<String, String> RENAMED =
      Map.of(
          "arbiter.meta-reward", "arbiter.rubric",
          "arbiter.gateway.group-eps", "arbiter.scoring.group-eps");

  static final String SOURCE_PREFIX = "arbiter-renamed:";

  private final Log log;

  public RenamedProperties(DeferredLogFactory logs) {
    this.log = logs.getLog(RenamedProperties.class);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    for (PropertySource<?> source : environment.getPropertySources().stream().toList()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)
          || source.getName().startsWith(SOURCE_PREFIX)) {
        continue;
      }
      boolean env = source instanceof SystemEnvironmentPropertySource;
      Map<String, Object> renamed = new LinkedHashMap<>();
      for (String name : enumerable.getPropertyNames()) {
        String newName = env ? renameVariable(name) : renameProperty(name);
        if (newName != null) {
          renamed.put(newName, source.getProperty(name));
          log.warn(
              name
                  + " (from "
                  + source.getName()
                  + ") is a deprecated name; it is read as "
                  + newName
                  + " for this release: use the new name");
        }
      }
      if (!renamed.isEmpty()) {
        environment.getPropertySources().addAfter(source.getName(), renamedSource(source, renamed));
      }
    }
  }

  private static PropertySource<?> renamedSource(
      PropertySource<?> source, Map<String, Object> renamed) {
    String name = SOURCE_PREFIX + source.getName();
    if (source instanceof SystemEnvironmentPropertySource) {
      // Boot maps ARBITER_X_Y to arbiter.x.y only in sources named like the environment's.
      return new SystemEnvironmentPropertySource(
          name + "-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, renamed);
    }
    return new MapPropertySource(name, renamed);
  }

  /** The new name of a property written in any relaxed form, or null when it was not renamed. */
  static String renameProperty(String name) {
    if (!name.regionMatches(true, 0, "arbiter", 0, 7)) {
      return null;
    }
    ConfigurationPropertyName given = ConfigurationPropertyName.adapt(name, '.');
    for (Map.Entry<String, String> e : RENAMED.entrySet()) {
      ConfigurationPropertyName old = ConfigurationPropertyName.of(e.getKey());
      if (old.equals(given) || old.isAncestorOf(given)) {
        return ConfigurationPropertyName.of(e.getValue())
            .append(given.subName(old.getNumberOfElements()))
            .toString();
      }
    }
    return null;
  }

  /** The new name of an environment variable, or null when it was not renamed. */
  static String renameVariable(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (Map.Entry<String, String> e : RENAMED.entrySet()) {
      String old = variable(e.getKey());
      if (upper.equals(old) || upper.startsWith(old + "_")) {
        return variable(e.getValue()) + upper.substring(old.length());
      }
    }
    return null;
  }

  private static String variable(String property) {
    return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
