package dev.arbiter.verifier.code.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A second service instance in its own JVM (file locks are per process): builds a sandbox with the
 * settings given, runs programs that echo a unique token, and prints {@code RESULT ids=[..] ok=N
 * bad=M}. Used by {@link SlotClaimsTest}.
 */
public final class SecondInstanceMain {

  private SecondInstanceMain() {}

  public static void main(String[] args) throws Exception {
    int base = Integer.parseInt(args[0]);
    int slots = Integer.parseInt(args[1]);
    Path scratch = Path.of(args[2]);
    int runs = Integer.parseInt(args[3]);
    BubblewrapSandbox sandbox =
        new BubblewrapSandbox(
            new BubblewrapSandbox.Settings(
                "bwrap", slots, base, scratch, true, Duration.ofSeconds(60), true));
    try {
      String reason = sandbox.unavailableReason();
      if (reason != null) {
        System.out.println("RESULT unavailable=" + reason);
        return;
      }
      System.out.println("READY " + sandbox.slotIds());
      int[] verdicts = runAll(sandbox, "second", runs, slots);
      System.out.println(
          "RESULT ids=" + sandbox.slotIds() + " ok=" + verdicts[0] + " bad=" + verdicts[1]);
    } finally {
      sandbox.close();
    }
  }

  /** Runs {@code runs} token echoes {@code slots} at a time; returns {ok, bad}. */
  static int[] runAll(Sandbox sandbox, String who, int runs, int slots) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(slots);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String token = who + "-" + i + "-" + System.nanoTime();
        results.add(
            pool.submit(
                () -> {
                  Path box = sandbox.newBox();
                  try {
                    RunOutcome o =
                        sandbox.run(
                            new RunRequest(
                                List.of("/bin/sh", "-c", "read t; sleep 0.05; echo \"$t\""),
                                box,
                                false,
                                (token + "\n").getBytes(StandardCharsets.UTF_8),
                                Map.of(),
                                null,
                                Sandboxes.limits(20)));
                    return o.succeeded() && o.stdoutText().equals(token + "\n");
                  } finally {
                    Boxes.delete(box);
                  }
                }));
      }
      int ok = 0;
      for (Future<Boolean> f : results) {
        ok += f.get() ? 1 : 0;
      }
      return new int[] {ok, runs - ok};
    } finally {
      pool.shutdownNow();
    }
  }
}
