package dev.arbiter.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds {@code arbiter-server-defaults.properties} (health probes, Prometheus, graceful shutdown,
 * problem details) below every other property source, so each service's own {@code application.yml}
 * and the environment still win.
 */
public class ServerDefaults implements EnvironmentPostProcessor {

  static final String RESOURCE = "arbiter-server-defaults.properties";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    try {
      var props = PropertiesLoaderUtils.loadProperties(new ClassPathResource(RESOURCE));
      environment.getPropertySources().addLast(new PropertiesPropertySource(RESOURCE, props));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
