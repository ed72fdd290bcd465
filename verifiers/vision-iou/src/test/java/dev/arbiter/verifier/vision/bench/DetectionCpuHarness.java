package dev.arbiter.verifier.vision.bench;

import dev.arbiter.server.bench.CpuTimeHarness;

/**
 * The {@link DetectionBenchmark} operations measured in scene-scorings per CPU-second of the
 * measuring thread, beside per wall-second, by reward-server's {@link CpuTimeHarness}.
 *
 * <p>Run: {@code scripts/bench verifiers/vision-iou --main
 * dev.arbiter.verifier.vision.bench.DetectionCpuHarness [rounds] [opsPerRound]}
 */
public final class DetectionCpuHarness {

  private DetectionCpuHarness() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    DetectionBenchmark bench = new DetectionBenchmark();
    bench.setUp();
    new CpuTimeHarness<>(bench, "variant", "ops")
        .variant("scoreGreedy", b -> b.scoreGreedy().reward())
        .variant("scoreHungarian", b -> b.scoreHungarian().reward())
        .variant("matchGreedy", DetectionBenchmark::matchGreedy)
        .variant("matchHungarian", DetectionBenchmark::matchHungarian)
        .run(5, rounds, ops, System.out);
  }
}
