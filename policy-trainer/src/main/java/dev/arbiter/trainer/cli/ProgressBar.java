package dev.arbiter.trainer.cli;

import dev.arbiter.trainer.run.RunListener;
import dev.arbiter.trainer.run.StepMetrics;
import java.io.PrintStream;
import java.util.Locale;

/** A one-line terminal progress bar: step, reward, accuracy, tokens/s, reward latency, ETA. */
final class ProgressBar implements RunListener {

  private static final int WIDTH = 24;
  private final PrintStream out;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onStep(StepMetrics m) {
    int filled = m.totalSteps() == 0 ? WIDTH : WIDTH * m.step() / m.totalSteps();
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String line =
        "sft".equals(m.phase())
            ? String.format(
                Locale.ROOT,
                "sft  [%s] %d/%d loss %.3f  ETA %s",
                bar,
                m.step(),
                m.totalSteps(),
                m.loss(),
                eta(m.etaSeconds()))
            : String.format(
                Locale.ROOT,
                "grpo [%s] %d/%d reward %.3f acc %.3f %s tok/s %.0f reward latency %.0f ms  ETA %s",
                bar,
                m.step(),
                m.totalSteps(),
                nz(m.reward()),
                nz(m.accuracy()),
                m.heldOutAccuracy() == null
                    ? ""
                    : String.format(Locale.ROOT, "held-out %.3f", m.heldOutAccuracy()),
                nz(m.tokensPerSecond()),
                m.rewardLatencyMs(),
                eta(m.etaSeconds()));
    boolean last = m.step() == m.totalSteps() || m.heldOutAccuracy() != null;
    out.print("\r" + line + "   " + (last ? "\n" : ""));
    out.flush();
  }

  @Override
  public void onEvent(String message) {
    out.println(message);
  }

  private static double nz(Double v) {
    return v == null ? Double.NaN : v;
  }

  private static String eta(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
