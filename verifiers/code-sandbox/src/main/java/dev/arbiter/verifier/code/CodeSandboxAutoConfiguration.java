package dev.arbiter.verifier.code;

import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import dev.arbiter.verifier.code.sandbox.DockerSandbox;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
                  p.mountProc()));
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

  @Bean
  Languages codeLanguages(Sandbox sandbox, CodeSandboxProperties p) {
    if (sandbox instanceof DockerSandbox) {
      return Languages.detectInSandbox(sandbox);
    }
    return Languages.detect(
        sandbox, Arrays.stream(p.toolchainPath().split(":")).map(Path::of).toList());
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService codeItemWorkers(CodeSandboxProperties p) {
    int n = p.effectiveSlots();
    AtomicInteger seq = new AtomicInteger();
    return new ThreadPoolExecutor(
        n,
        n,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(p.queueCapacity()),
        r -> {
          Thread t = new Thread(r, "code-item-" + seq.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Runs the test cases of one item side by side. Unbounded queue: what it holds is bounded by the
   * items admitted, and the sandbox's slots bound what runs.
   */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService codeRunWorkers(CodeSandboxProperties p) {
    int n = p.effectiveSlots();
    AtomicInteger seq = new AtomicInteger();
    return new ThreadPoolExecutor(
        n,
        n,
        60,
        TimeUnit.SECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "code-run-" + seq.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
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
