package dev.arbiter.trainer.bench;

import dev.arbiter.testing.scorer.MathScorerTestApp;
import dev.arbiter.trainer.cli.DemoCommand;
import dev.arbiter.trainer.run.EngineSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo as a benchmark: {@code scripts/bench policy-trainer --main
 * dev.arbiter.trainer.bench.DemoHarness [--key=value ...]}. Without {@code --gateway-url} it first
 * starts the exact-numeric test scorer service on a free port (reward-server over HTTP) and trains
 * against it; with one it trains against that gateway. Prints the before/after table and the report
 * path; the step-time split is in the report and metrics.jsonl.
 */
public final class DemoHarness {

  private DemoHarness() {}

  public static void main(String[] args) throws Exception {
    EngineSetup.configure(null);
    List<String> demoArgs = new ArrayList<>(Arrays.asList(args));
    ConfigurableApplicationContext scorer = null;
    if (demoArgs.stream()
        .noneMatch(a -> a.startsWith("--gateway-url=") || a.startsWith("--gateway_url="))) {
      scorer =
          new SpringApplicationBuilder(MathScorerTestApp.class)
              .run("--server.port=0", "--logging.level.root=WARN");
      int port = ((WebServerApplicationContext) scorer).getWebServer().getPort();
      demoArgs.add("--gateway-url=http://localhost:" + port);
    }
    try {
      DemoCommand.run(demoArgs.toArray(String[]::new));
    } finally {
      if (scorer != null) {
        scorer.close();
      }
    }
  }
}
