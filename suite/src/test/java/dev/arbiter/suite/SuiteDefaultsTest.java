package dev.arbiter.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.gateway.GatewayProperties;
import dev.arbiter.gateway.ScorerDiscoveryProperties;
import dev.arbiter.model.meta.MetaRewardProperties;
import dev.arbiter.model.principle.PrincipleProperties;
import dev.arbiter.server.ModuleDefaults;
import dev.arbiter.server.RenamedProperties;
import dev.arbiter.server.ScoringProperties;
import dev.arbiter.trainer.web.TrainerProperties;
import dev.arbiter.verifier.code.CodeSandboxProperties;
import dev.arbiter.verifier.math.MathVerifierProperties;
import dev.arbiter.verifier.rules.RulesProperties;
import dev.arbiter.verifier.vision.VisionProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * The suite's environment, built as Spring Boot builds it (the same post-processors over the
 * suite's classpath), holds every module's defaults, and a user's setting wins over each.
 * ArbiterSuiteIT checks the booted suite applies them (log levels).
 */
class SuiteDefaultsTest {

  StandardEnvironment env;

  @BeforeEach
  void environment() {
    env = new StandardEnvironment();
    env.getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "ARBITER_MATH_TIME_BUDGET", "3s",
                    "ARBITER_GATEWAY_PROFILES_MINE_COMPONENTS_0_SCORER", "math",
                    // the previous release's name of arbiter.rubric.judge.model
                    "ARBITER_META_REWARD_JUDGE_MODEL", "judge-7b")));
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "application.yml",
                Map.of("server.port", "18800", "logging.level.org.matheclipse", "error")));
    SpringApplication app = new SpringApplication();
    new ModuleDefaults().postProcessEnvironment(env, app);
    new RenamedProperties(s -> s.get()).postProcessEnvironment(env, app);
  }

  @Test
  void everyModulesDefaultsFileIsLoaded() {
    assertThat(env.getPropertySources().stream().map(s -> s.getName()))
        .contains(
            ModuleDefaults.SOURCE_PREFIX + "reward-server-defaults.yml",
            ModuleDefaults.SOURCE_PREFIX + "reward-gateway-defaults.yml",
            ModuleDefaults.SOURCE_PREFIX + "math-verifier-defaults.yml",
            ModuleDefaults.SOURCE_PREFIX + "meta-reward-defaults.yml",
            ModuleDefaults.SOURCE_PREFIX + "suite-defaults.yml");
  }

  @Test
  void mathLogLevels_presentAndTheUsersWin() {
    assertThat(env.getProperty("logging.level.edu.jas")).isEqualTo("warn");
    assertThat(env.getProperty("logging.level.org.matheclipse")).isEqualTo("error");
  }

  @Test
  void serverDefaults_present() {
    assertThat(env.getProperty("server.shutdown")).isEqualTo("graceful");
    assertThat(env.getProperty("spring.webflux.problemdetails.enabled")).isEqualTo("true");
    assertThat(env.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
  }

  @Test
  void gatewayDefaults_profilesAddedTo_andTheLargerBody() {
    GatewayProperties gateway = bind("arbiter.gateway", GatewayProperties.class);
    assertThat(gateway.profiles())
        .containsKeys("visual-rft", "truthrl", "toolrl", "r1-shaped-math", "mine");
    assertThat(gateway.openrlhf().scorer()).isEqualTo("math");
    assertThat(gateway.local().timeout()).isEqualTo(Duration.ofSeconds(30));
    ScoringProperties scoring = bind("arbiter.scoring", ScoringProperties.class);
    assertThat(scoring.maxBodySize()).isEqualTo(DataSize.ofMegabytes(64));
    assertThat(scoring.maxItems()).isEqualTo(4096);
    assertThat(scoring.groupEps()).isEqualTo(1e-6);
    assertThat(bind("arbiter.gateway.discovery", ScorerDiscoveryProperties.class).startupWait())
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void scorerModuleDefaults_andTheUsersWin() {
    MathVerifierProperties math = bind("arbiter.math", MathVerifierProperties.class);
    assertThat(math.timeBudget()).isEqualTo(Duration.ofSeconds(3));
    assertThat(math.maxTimeBudget()).isEqualTo(Duration.ofSeconds(10));
    assertThat(bind("arbiter.vision", VisionProperties.class).maxBoxes()).isEqualTo(300);
    RulesProperties rules = bind("arbiter.rules", RulesProperties.class);
    assertThat(rules.maxResponseChars()).isEqualTo(1_048_576);
    assertThat(rules.judge().enabled()).isFalse();
    CodeSandboxProperties code = bind("arbiter.code", CodeSandboxProperties.class);
    assertThat(code.backend()).isEqualTo("bubblewrap");
    assertThat(code.docker().image()).isEqualTo("arbiter/code-runner:latest");
    PrincipleProperties principle = bind("arbiter.principle", PrincipleProperties.class);
    assertThat(principle.effectiveBackend()).isEqualTo("embedded");
    assertThat(principle.batching().maxBatchSize()).isEqualTo(32);
  }

  @Test
  void rubricDefaults_seedTask_andTheOldNameStillRead() {
    MetaRewardProperties rubric = bind("arbiter.rubric", MetaRewardProperties.class);
    assertThat(rubric.tasks()).containsKey("essay");
    assertThat(rubric.refinement().every()).isEqualTo(500);
    assertThat(rubric.judge().baseUrl()).isEmpty();
    assertThat(rubric.judge().model()).isEqualTo("judge-7b");
  }

  @Test
  void trainerInTheSuite_scoresAgainstTheSuite() {
    assertThat(bind("arbiter.trainer", TrainerProperties.class).gatewayUrl())
        .isEqualTo("http://localhost:18800");
  }

  private <T> T bind(String prefix, Class<T> type) {
    return Binder.get(env).bindOrCreate(prefix, type);
  }
}
