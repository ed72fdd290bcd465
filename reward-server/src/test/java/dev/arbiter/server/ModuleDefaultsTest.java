package dev.arbiter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ModuleDefaultsTest {

  @TempDir Path dir;

  @Test
  void postProcess_addsTheServerDefaultsBelowTheUsersSettings() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(new MapPropertySource("user", Map.of("server.shutdown", "immediate")));

    new ModuleDefaults().postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty("server.shutdown")).isEqualTo("immediate");
    assertThat(env.getProperty("spring.webflux.problemdetails.enabled")).isEqualTo("true");
    assertThat(env.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
    assertThat(env.getPropertySources().stream().map(s -> s.getName()))
        .last()
        .isEqualTo(ModuleDefaults.SOURCE_PREFIX + "reward-server-defaults.yml");
  }

  @Test
  void load_everyModulesFileInNameOrder() throws IOException {
    write("b-defaults.yml", "b:\n  key: 2\n");
    write("a-defaults.yml", "a:\n  key: 1\n");
    write("not-a-default.yml", "c:\n  key: 3\n");

    var sources = ModuleDefaults.load(loader());

    assertThat(sources)
        .extracting(s -> s.getName())
        .containsExactly(
            ModuleDefaults.SOURCE_PREFIX + "a-defaults.yml",
            ModuleDefaults.SOURCE_PREFIX + "b-defaults.yml");
    assertThat(sources.get(1).getProperty("b.key")).hasToString("2");
  }

  @Test
  void load_twoModulesSettingOneKey_failsNamingBoth() throws IOException {
    write("a-defaults.yml", "shared:\n  key: 1\n");
    write("b-defaults.yml", "shared:\n  key: 2\n");

    assertThatThrownBy(() -> ModuleDefaults.load(loader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shared.key is set by both a-defaults.yml and b-defaults.yml");
  }

  private void write(String name, String yaml) throws IOException {
    Path file = dir.resolve("META-INF/arbiter").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
  }

  /** A class loader that sees only the temporary directory. */
  private URLClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }
}
