package dev.arbiter.trainer.run;

import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.trainer.filter.FilterReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's artifacts: {@code metrics.jsonl} as steps arrive, then {@code curve.png} (GRPO
 * reward and accuracy per step, held-out accuracy points) and {@code report.html} at the end.
 * Drawing uses java.awt in headless mode, so no display is needed.
 */
public final class RunReport implements RunListener {

  private final Path dir;
  private final JsonMapper json = ArbiterJson.mapper();
  private final List<StepMetrics> grpo = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private String curveProblem;
  private final BufferedWriter metrics;

  public RunReport(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    metrics =
        Files.newBufferedWriter(
            dir.resolve("metrics.jsonl"),
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);
  }

  @Override
  public synchronized void onStep(StepMetrics m) {
    try {
      metrics.write(json.writeValueAsString(m));
      metrics.newLine();
      metrics.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if ("grpo".equals(m.phase())) {
      grpo.add(m);
    }
  }

  @Override
  public synchronized void onEvent(String message) {
    events.add(message);
  }

  /**
   * Writes {@code summary.json}, the curve and the HTML report; closes the metrics file. A JVM that
   * cannot draw (a stripped runtime without its font libraries, say) still gets the summary and the
   * report, which then says why the curve is missing.
   */
  public synchronized void finish(RunConfig config, GrpoRun.RunSummary summary) throws IOException {
    metrics.close();
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("summary.json").toFile(), summary);
    System.setProperty("java.awt.headless", "true");
    try {
      ImageIO.write(curve(), "png", dir.resolve("curve.png").toFile());
    } catch (LinkageError | java.awt.AWTError | RuntimeException e) {
      curveProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
      events.add("curve.png not drawn: " + curveProblem);
    }
    Files.writeString(dir.resolve("report.html"), html(config, summary));
  }

  private BufferedImage curve() {
    int w = 800;
    int h = 400;
    int pad = 50;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.GRAY);
    g.drawRect(pad, pad / 2, w - 2 * pad, h - 2 * pad);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 4; i++) {
      int y = h - pad - i * (h - 2 * pad - pad / 2) / 4;
      g.drawString(String.format(Locale.ROOT, "%.2f", i / 4.0 * maxY()), 5, y + 4);
    }
    g.drawString("GRPO step", w / 2 - 30, h - 15);
    int n = grpo.size();
    if (n > 0) {
      plot(g, w, h, pad, Color.BLUE, grpo.stream().map(StepMetrics::reward).toList());
      plot(g, w, h, pad, new Color(0, 140, 0), grpo.stream().map(StepMetrics::accuracy).toList());
      g.setColor(Color.RED);
      for (int i = 0; i < n; i++) {
        Double v = grpo.get(i).heldOutAccuracy();
        if (v != null) {
          int[] p = point(i, v, n, w, h, pad);
          g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
        }
      }
    }
    g.setColor(Color.BLUE);
    g.drawString("reward", w - pad - 220, pad / 2 + 15);
    g.setColor(new Color(0, 140, 0));
    g.drawString("train accuracy", w - pad - 160, pad / 2 + 15);
    g.setColor(Color.RED);
    g.drawString("held-out", w - pad - 60, pad / 2 + 15);
    g.dispose();
    return img;
  }

  private double maxY() {
    double max = 1;
    for (StepMetrics m : grpo) {
      if (m.reward() != null) {
        max = Math.max(max, m.reward());
      }
    }
    return max;
  }

  private void plot(Graphics2D g, int w, int h, int pad, Color color, List<Double> values) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    int[] prev = null;
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      if (v == null) {
        continue;
      }
      int[] p = point(i, v, values.size(), w, h, pad);
      if (prev != null) {
        g.drawLine(prev[0], prev[1], p[0], p[1]);
      }
      prev = p;
    }
  }

  private int[] point(int i, double v, int n, int w, int h, int pad) {
    int x = pad + (n <= 1 ? 0 : i * (w - 2 * pad) / (n - 1));
    int y = (int) (h - pad - v / maxY() * (h - 2 * pad - pad / 2));
    return new int[] {x, y};
  }

  private String html(RunConfig config, GrpoRun.RunSummary s) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>GRPO run</title></head>")
        .append("<body style=\"font-family:sans-serif\"><h1>GRPO run</h1>")
        .append(
            "<table border=\"1\" cellpadding=\"4\"><tr><th></th><th>held-out accuracy</th></tr>")
        .append(row("after supervised warm-up", s.heldOutBefore()))
        .append(row("after GRPO", s.heldOutAfter()))
        .append("</table><p>seed ")
        .append(s.seed())
        .append(", warm-up steps ")
        .append(s.warmUpSteps())
        .append(", held-out size ")
        .append(s.heldOutSize())
        .append(", GRPO steps ")
        .append(s.grpoSteps())
        .append(
            String.format(
                Locale.ROOT,
                ", %.1f s, mean reward latency %.1f ms",
                s.seconds(),
                s.rewardLatencyMs()))
        .append(s.stopped() ? ", stopped early" : "")
        .append(s.filter() == null ? "" : "</p><p>" + escape(filterLine(s.filter())))
        .append(s.mrt() == null ? "" : "</p><p>" + escape(mrtLine(s.mrt())))
        .append(
            curveProblem == null
                ? "</p><img src=\"curve.png\" alt=\"reward and accuracy per step\"><h2>Step time</h2>"
                : "</p><p>no curve: " + escape(curveProblem) + "</p><h2>Step time</h2>")
        .append(stepTimes())
        .append("<h2>Log</h2><pre>");
    events.forEach(e -> sb.append(escape(e)).append('\n'));
    sb.append("</pre><h2>Config</h2><pre>")
        .append(escape(json.writerWithDefaultPrettyPrinter().writeValueAsString(config)))
        .append("</pre></body></html>\n");
    return sb.toString();
  }

  private String stepTimes() {
    double gen = grpo.stream().mapToDouble(StepMetrics::generationMs).average().orElse(0);
    double reward = grpo.stream().mapToDouble(StepMetrics::rewardMs).average().orElse(0);
    double update = grpo.stream().mapToDouble(StepMetrics::updateMs).average().orElse(0);
    double mrt =
        grpo.stream().mapToDouble(m -> m.mrt() == null ? 0 : m.mrt().ms()).average().orElse(0);
    double total = Math.max(1e-9, gen + reward + update + mrt);
    return String.format(
        Locale.ROOT,
        "<p>mean per GRPO step: generation %.0f ms (%.0f%%), reward wait %.0f ms (%.0f%%),"
            + " update %.0f ms (%.0f%%)%s</p>",
        gen,
        100 * gen / total,
        reward,
        100 * reward / total,
        update,
        100 * update / total,
        mrt == 0
            ? ""
            : String.format(
                Locale.ROOT, ", MRT prefix estimation %.0f ms (%.0f%%)", mrt, 100 * mrt / total));
  }

  /** The instance filter's outcome in one line (report, demo output). */
  public static String filterLine(FilterReport f) {
    return String.format(
        Locale.ROOT,
        "instance filter: %d rollouts per instance on %d training instances, kept %d, dropped"
            + " %.1f%% (%d with every rollout at the floor reward, %d with every rollout solved);"
            + " %d kept unjudged (a masked rollout); kept by category %s; %d gateway items, %.1f s",
        f.k(),
        f.instances(),
        f.kept(),
        100 * f.droppedShare(),
        f.droppedAllFloor(),
        f.droppedAllSolved(),
        f.unjudged(),
        f.keptByCategory(),
        f.gatewayItems(),
        f.seconds());
  }

  /** The MRT progress bonus's cost in one line (report, demo output). */
  public static String mrtLine(MrtCost c) {
    return String.format(
        Locale.ROOT,
        "MRT progress bonus: %.0f ms per GRPO step (%.1f%% of the step; %.0f ms of it waiting for"
            + " scores after generation) estimating %.1f prefixes;"
            + " %.0f extra gateway items per step on top of %.0f rollouts (%.2f×), over %d steps",
        c.msPerStep(),
        100 * c.shareOfStep(),
        c.scoreWaitMsPerStep(),
        c.prefixesPerStep(),
        c.gatewayItemsPerStep(),
        c.rolloutItemsPerStep(),
        c.rolloutItemsPerStep() == 0 ? 0 : c.gatewayItemsPerStep() / c.rolloutItemsPerStep(),
        c.steps());
  }

  private static String row(String label, Double v) {
    return "<tr><td>"
        + label
        + "</td><td>"
        + (v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v))
        + "</td></tr>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
