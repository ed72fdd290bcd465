package dev.arbiter.verifier.rules.bench;

import dev.arbiter.server.bench.CpuTimeHarness;

/**
 * The {@link RulesBenchmark} operations in items per CPU-second of the measuring thread (the
 * issue's unit), beside per wall-second, measured by reward-server's {@link CpuTimeHarness}.
 *
 * <p>Run: {@code scripts/bench verifiers/rules --main
 * dev.arbiter.verifier.rules.bench.RulesCpuHarness [rounds] [opsPerRound]}
 */
public final class RulesCpuHarness {

  private RulesCpuHarness() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    RulesBenchmark b = new RulesBenchmark();
    b.setUp();
    new CpuTimeHarness<>(b, "scorer", "items")
        .variant("formatRegexBaseline", x -> x.formatRegexBaseline() ? 1 : 0)
        .variant("format", x -> x.format().reward())
        .variant("length", x -> x.length().reward())
        .variant("repetition", x -> x.repetition().reward())
        .variant("reasoning-steps", x -> x.reasoningSteps().reward())
        .variant("critique", x -> x.critique().reward())
        .variant("truthfulness", x -> x.truthfulness().reward())
        .variant("tool-call", x -> x.toolCall().reward())
        .variant("web-action", x -> x.webAction().reward())
        .run(3, rounds, ops, System.out);
  }
}
