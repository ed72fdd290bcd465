package dev.arbiter.verifier.math.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Paired A/B throughput of two builds of this module on the 308 Math-Verify cases, in one JVM: each
 * build is loaded in its own class loader ({@code <dir>/test-classes} and {@code <dir>/classes} of
 * a copy of {@code target/}), and rounds over all cases alternate between the two (ABBA order), so
 * load drift on a shared machine hits both alike. Reports the new/base ratio per paired round
 * (thread CPU and wall), which is far steadier than comparing two separate harness runs:
 *
 * <pre>
 * cp -r target/classes target/test-classes /tmp/base/   # on the baseline commit, after test-compile
 * cp -r target/classes target/test-classes /tmp/new/    # on the new commit
 * java -Xmx3g -cp target/test-classes dev.arbiter.verifier.math.bench.MathVerifierAbHarness \
 *     /tmp/base /tmp/new target/bench-classpath.txt 20 80
 * </pre>
 *
 * ({@code target/bench-classpath.txt} as written by {@code scripts/bench}.)
 */
public final class MathVerifierAbHarness {
  private static Runnable[] load(String dir, String deps) throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(Path.of(dir, "test-classes").toUri().toURL());
    urls.add(Path.of(dir, "classes").toUri().toURL());
    for (String p : deps.split(":")) {
      urls.add(Path.of(p).toUri().toURL());
    }
    ClassLoader cl =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Class<?> cc = cl.loadClass("dev.arbiter.verifier.math.ConformanceCases");
    List<?> cases =
        (List<?>) cc.getMethod("load", String.class).invoke(null, "math_verify_cases.jsonl");
    Class<?> symjaC = cl.loadClass("dev.arbiter.verifier.math.equiv.SymjaSimplifier");
    Object symja = symjaC.getConstructor().newInstance();
    symjaC.getMethod("warmUp").invoke(symja);
    Class<?> simpC = cl.loadClass("dev.arbiter.verifier.math.equiv.SymbolicSimplifier");
    Class<?> mvC = cl.loadClass("dev.arbiter.verifier.math.MathVerifier");
    Object verifier = mvC.getConstructor(simpC).newInstance(symja);
    Class<?> moC = cl.loadClass("dev.arbiter.verifier.math.MathOptions");
    Method from = moC.getMethod("from", Map.class, long.class, long.class);
    Method verify = mvC.getMethod("verify", CharSequence.class, String.class, moC);
    Runnable[] out = new Runnable[cases.size()];
    for (int i = 0; i < cases.size(); i++) {
      Object c = cases.get(i);
      Class<?> k = c.getClass();
      String pred = (String) k.getMethod("pred").invoke(c);
      String gold = (String) k.getMethod("gold").invoke(c);
      Object opts = from.invoke(null, k.getMethod("options").invoke(c), 2000L, 10000L);
      out[i] =
          () -> {
            try {
              verify.invoke(verifier, pred, gold, opts);
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(e);
            }
          };
    }
    return out;
  }

  private MathVerifierAbHarness() {}

  public static void main(String[] a) throws Exception {
    String deps = Files.readString(Path.of(a[2])).strip();
    int warm = Integer.parseInt(a[3]);
    int rounds = Integer.parseInt(a[4]);
    Runnable[][] v = {load(a[0], deps), load(a[1], deps)};
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < warm; r++) {
      for (Runnable[] x : v) {
        for (Runnable c : x) {
          c.run();
        }
      }
    }
    double[][] cpu = new double[2][rounds];
    double[][] wall = new double[2][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int s = 0; s < 2; s++) {
        int w = (r % 2 == 0) ? s : 1 - s;
        long c0 = t.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (Runnable c : v[w]) {
          c.run();
        }
        cpu[w][r] = (t.getCurrentThreadCpuTime() - c0) / 1e6;
        wall[w][r] = (System.nanoTime() - w0) / 1e6;
      }
    }
    double[] ratioCpu = new double[rounds];
    double[] ratioWall = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratioCpu[r] = cpu[1][r] / cpu[0][r];
      ratioWall[r] = wall[1][r] / wall[0][r];
    }
    System.out.printf(
        "rounds=%d of 308 cases; median thread-CPU ms/round base %.1f new %.1f; median wall ms/round base %.1f new %.1f%n",
        rounds, med(cpu[0]), med(cpu[1]), med(wall[0]), med(wall[1]));
    System.out.printf(
        "new/base time ratio per paired round: thread-CPU median %.3f (IQR %.3f-%.3f), wall median %.3f (IQR %.3f-%.3f)%n",
        med(ratioCpu),
        q(ratioCpu, .25),
        q(ratioCpu, .75),
        med(ratioWall),
        q(ratioWall, .25),
        q(ratioWall, .75));
    System.out.printf(
        "throughput new/base (sum over rounds): thread-CPU %.3f, wall %.3f%n",
        Arrays.stream(cpu[0]).sum() / Arrays.stream(cpu[1]).sum(),
        Arrays.stream(wall[0]).sum() / Arrays.stream(wall[1]).sum());
    System.exit(0);
  }

  private static double med(double[] x) {
    return q(x, .5);
  }

  private static double q(double[] x, double p) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
  }
}
