package dev.arbiter.trainer.cli;

import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.trainer.run.GrpoRun;
import dev.arbiter.trainer.run.RunConfig;
import dev.arbiter.trainer.run.RunReport;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar policy-trainer.jar demo [--key=value ...]}: one training run in the foreground
 * with a progress bar, ending with the before/after table. Keys are {@link RunConfig}'s fields in
 * kebab or snake case ({@code --gateway-url=http://localhost:8080 --steps=40}); lists are comma
 * separated.
 */
public final class DemoCommand {

  private DemoCommand() {}

  public static int run(String[] args) throws Exception {
    RunConfig config = parse(args);
    Path dir =
        Path.of(config.outputDir())
            .resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + "-seed"
                    + config.seed());
    RunReport report = new RunReport(dir);
    GrpoRun run = new GrpoRun(config, dir, List.of(new ProgressBar(System.out), report));
    Thread hook = new Thread(run::stop);
    Runtime.getRuntime().addShutdownHook(hook);
    GrpoRun.RunSummary summary = run.run();
    report.finish(config, summary);
    System.out.printf(
        Locale.ROOT,
        "%n| held-out accuracy (%d problems, seed %d) | value |%n|---|---|%n"
            + "| after %d supervised warm-up steps | %.1f%% |%n| after %d GRPO steps | %.1f%% |%n"
            + "| gain | %+.1f points |%n%n"
            + "%.0f s; report: %s%n",
        summary.heldOutSize(),
        summary.seed(),
        summary.warmUpSteps(),
        100 * summary.heldOutBefore(),
        summary.grpoSteps(),
        100 * summary.heldOutAfter(),
        100 * (summary.heldOutAfter() - summary.heldOutBefore()),
        summary.seconds(),
        dir.resolve("report.html"));
    if (summary.filter() != null) {
      System.out.println(RunReport.filterLine(summary.filter()));
    }
    if (summary.mrt() != null) {
      System.out.println(RunReport.mrtLine(summary.mrt()));
    }
    return 0;
  }

  /** {@code --key=value} arguments as a {@link RunConfig}. */
  public static RunConfig parse(String[] args) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
      }
      String key = arg.substring(2, arg.indexOf('=')).replace('-', '_');
      String value = arg.substring(arg.indexOf('=') + 1);
      values.put(
          key,
          switch (key) {
            case "ops", "levels" -> Arrays.asList(value.split(","));
            case "advantage" -> value.toUpperCase(Locale.ROOT);
            default -> value;
          });
    }
    return ArbiterJson.mapper().convertValue(values, RunConfig.class);
  }
}
