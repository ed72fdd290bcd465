package dev.arbiter.verifier.code;

import dev.arbiter.server.scoring.WorkerPools;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import dev.arbiter.verifier.code.sandbox.DockerSandbox;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code code} scorer, its sandbox, {@code GET /v1/languages} and the sandbox health
 * wherever this module is on the classpath: in its own service and in the one-process suite.
 */
@AutoConfiguration
@EnableConfigurationProperties(CodeSandboxProperties.class)
public class CodeSandboxAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(Sandbox.class)
  Sandbox codeSandbox(CodeSandboxProperties p) {
    String scratch =
        p.scratchDir() != null
            ? p.scratchDir()
            : Path.of(System.getProperty("java.io.tmpdir"), "arbiter-sandbox-" + p.hostUidBase())
                .toString();
    return switch (p.backend()) {
      case "bubblewrap" ->
          new BubblewrapSandbox(
              new BubblewrapSandbox.Settings(
                  p.bwrap(),
                  p.effectiveSlots(),
                  p.hostUidBase(),
                  Path.of(scratch),
                  p.cgroups(),
                  p.itemBudget(),
                  p.mountProc(),
                  p.lockDir() == null ? null : Path.of(p.lockDir()),
                  BubblewrapSandbox.DEFAULT_SLOT_RANGE,
                  true,
                  p.healthRecheck()));
      case "docker" ->
          new DockerSandbox(
              new DockerSandbox.Settings(
                  p.docker().host(),
                  p.docker().image(),
                  p.effectiveSlots(),
                  Path.of(scratch),
                  p.itemBudget()));
      default ->
          throw new IllegalArgumentException(
              "arbiter.code.backend '"
                  + p.backend()
                  + "' is unknown; expected bubblewrap or docker");
    };
  }

  /**
   * The languages this host runs. When the bubblewrap sandbox comes back UP after a failed check
   * (e.g. bubblewrap installed after start-up), they are detected again.
   */
  @Bean
  Languages codeLanguages(Sandbox sandbox, CodeSandboxProperties p) {
    if (sandbox instanceof DockerSandbox) {
      return Languages.detectInSandbox(sandbox);
    }
    List<Path> searchPath = Arrays.stream(p.toolchainPath().split(":")).map(Path::of).toList();
    Languages languages = Languages.detect(sandbox, searchPath);
    if (sandbox instanceof BubblewrapSandbox bwrap) {
      bwrap.onRecovered(() -> languages.refresh(Languages.detect(sandbox, searchPath)));
    }
    return languages;
  }

  /** Items of a batch; beyond the queue they come back {@code overloaded}. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService codeItemWorkers(CodeSandboxProperties p) {
    return WorkerPools.bounded("code-item", p.effectiveSlots(), p.queueCapacity());
  }

  /**
   * The test cases of one item, side by side. Unbounded queue: what it holds is bounded by the
   * items admitted, and the sandbox's slots bound what runs.
   */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService codeRunWorkers(CodeSandboxProperties p) {
    return WorkerPools.queued("code-run", p.effectiveSlots());
  }

  @Bean
  CodeScorer codeScorer(
      Sandbox sandbox,
      Languages languages,
      CodeSandboxProperties p,
      ExecutorService codeItemWorkers,
      ExecutorService codeRunWorkers) {
    return new CodeScorer(
        sandbox, languages, p.defaults(), codeItemWorkers, codeRunWorkers, p.batchSize());
  }

  @Bean
  LanguagesEndpoint languagesEndpoint(Languages languages, Sandbox sandbox) {
    return new LanguagesEndpoint(languages, sandbox);
  }

  @Bean
  SandboxHealthIndicator sandboxHealthIndicator(Sandbox sandbox) {
    return new SandboxHealthIndicator(sandbox);
  }
}
