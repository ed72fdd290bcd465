package dev.arbiter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RenamedPropertiesTest {

  @Test
  void renameProperty_oldPrefixInAnyRelaxedForm() {
    assertThat(RenamedProperties.renameProperty("arbiter.meta-reward.judge.base-url"))
        .isEqualTo("arbiter.rubric.judge.base-url");
    assertThat(
            ConfigurationPropertyName.of(
                RenamedProperties.renameProperty("arbiter.metaReward.database.poolSize")))
        .isEqualTo(ConfigurationPropertyName.of("arbiter.rubric.database.pool-size"));
    assertThat(
            RenamedProperties.renameProperty("arbiter.meta-reward.tasks.essay.items[0].criterion"))
        .isEqualTo("arbiter.rubric.tasks.essay.items[0].criterion");
    assertThat(RenamedProperties.renameProperty("arbiter.gateway.group-eps"))
        .isEqualTo("arbiter.scoring.group-eps");
  }

  @Test
  void renameProperty_otherNamesAreLeftAlone() {
    assertThat(RenamedProperties.renameProperty("arbiter.gateway.backends.math.url")).isNull();
    assertThat(RenamedProperties.renameProperty("arbiter.meta-rewards.x")).isNull();
    assertThat(RenamedProperties.renameProperty("arbiter.rubric.judge.model")).isNull();
    assertThat(RenamedProperties.renameProperty("server.port")).isNull();
  }

  @Test
  void renameVariable_environmentForm() {
    assertThat(RenamedProperties.renameVariable("ARBITER_META_REWARD_JUDGE_BASE_URL"))
        .isEqualTo("ARBITER_RUBRIC_JUDGE_BASE_URL");
    assertThat(RenamedProperties.renameVariable("ARBITER_GATEWAY_GROUP_EPS"))
        .isEqualTo("ARBITER_SCORING_GROUP_EPS");
    assertThat(RenamedProperties.renameVariable("ARBITER_META_REWARDS")).isNull();
    assertThat(RenamedProperties.renameVariable("ARBITER_GATEWAY_BACKENDS_META_URL")).isNull();
  }

  @Test
  void postProcess_oldVariableBindsToTheNewProperty() {
    StandardEnvironment env = environment(Map.of("ARBITER_GATEWAY_GROUP_EPS", "0.01"));

    assertThat(scoring(env).groupEps()).isEqualTo(0.01);
  }

  @Test
  void postProcess_newNameInTheSameSourceWins() {
    StandardEnvironment env =
        environment(
            Map.of("ARBITER_GATEWAY_GROUP_EPS", "0.01", "ARBITER_SCORING_GROUP_EPS", "0.5"));

    assertThat(scoring(env).groupEps()).isEqualTo(0.5);
  }

  @Test
  void postProcess_oldNameKeepsItsSourcesPrecedence() {
    // The environment (old name) is above application.yml (new name), as before the rename.
    StandardEnvironment env =
        environment(
            Map.of("ARBITER_GATEWAY_GROUP_EPS", "0.01"),
            new MapPropertySource("application.yml", Map.of("arbiter.scoring.group-eps", "0.5")));

    assertThat(scoring(env).groupEps()).isEqualTo(0.01);
  }

  @Test
  void postProcess_noOldNames_addsNothing() {
    StandardEnvironment env = environment(Map.of("ARBITER_SCORING_MAX_ITEMS", "10"));

    assertThat(env.getPropertySources().stream().map(s -> s.getName()))
        .noneMatch(n -> n.startsWith(RenamedProperties.SOURCE_PREFIX));
    assertThat(scoring(env).groupEps()).isEqualTo(1e-6);
  }

  /**
   * An environment whose process environment is {@code variables}, with {@code lower} sources below
   * it, after the renaming.
   */
  private static StandardEnvironment environment(
      Map<String, Object> variables, MapPropertySource... lower) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    for (MapPropertySource source : lower) {
      env.getPropertySources().addLast(source);
    }
    new RenamedProperties(s -> s.get()).postProcessEnvironment(env, new SpringApplication());
    return env;
  }

  private static ScoringProperties scoring(StandardEnvironment env) {
    return Binder.get(env).bindOrCreate("arbiter.scoring", ScoringProperties.class);
  }
}
