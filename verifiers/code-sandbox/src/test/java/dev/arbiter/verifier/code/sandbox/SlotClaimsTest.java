package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Two instances on one host never share a slot: the second takes free ones or refuses. */
class SlotClaimsTest {

  @Test
  void claim_secondClaimerTakesTheNextFreeIds() throws Exception {
    Path locks = Sandboxes.scratch("locks");
    try (SlotClaims first = SlotClaims.claim(locks, 62000, 3, 16);
        SlotClaims second = SlotClaims.claim(locks, 62000, 3, 16)) {
      assertThat(first.ids()).containsExactly(62000, 62001, 62002);
      assertThat(second.ids()).containsExactly(62003, 62004, 62005);
    }
    try (SlotClaims again = SlotClaims.claim(locks, 62000, 2, 16)) {
      assertThat(again.ids()).as("released on close").containsExactly(62000, 62001);
    }
  }

  @Test
  void claim_skipsIdsStillInUse() throws Exception {
    Path locks = Sandboxes.scratch("locks");
    try (SlotClaims claims = SlotClaims.claim(locks, 62100, 2, 16, id -> id == 62100)) {
      assertThat(claims.ids()).containsExactly(62101, 62102);
    }
    int self = (Integer) java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    assertThat(BwrapHost.uidsWithProcesses()).contains(self);
  }

  @Test
  void create_refusesWithTheSettingToChangeWhenNoSlotIsFree() {
    Path locks = Sandboxes.scratch("locks");
    BubblewrapSandbox first = narrow(locks);
    BubblewrapSandbox second = narrow(locks);
    try {
      assertThat(first.unavailableReason()).isNull();
      assertThat(second.unavailableReason())
          .contains("only 0 of 2 sandbox slots are free")
          .contains("arbiter.code.host-uid-base")
          .contains(locks.toString());
      assertThat(second.slotIds()).isEmpty();
    } finally {
      first.close();
      second.close();
    }
  }

  private static BubblewrapSandbox narrow(Path locks) {
    return new BubblewrapSandbox(
        new BubblewrapSandbox.Settings(
            "bwrap",
            2,
            61520,
            Sandboxes.scratch("narrow"),
            true,
            Duration.ofSeconds(60),
            true,
            locks,
            2,
            true,
            Duration.ofSeconds(10)));
  }

  /**
   * Two JVMs with identical default settings (lock directory, scratch directory, uid base) score
   * under load at the same time: disjoint slots, and every run gets its own output back.
   */
  @Test
  void twoInstances_sameDefaultSettings_everyVerdictIsTheirOwn() throws Exception {
    int base = 61540; // the default settings but for the base, to stay apart from other suites
    int slots = 2;
    int runs = 40;
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "arbiter-sandbox-" + base);
    BubblewrapSandbox first =
        new BubblewrapSandbox(
            new BubblewrapSandbox.Settings(
                "bwrap", slots, base, scratch, true, Duration.ofSeconds(60), true));
    try {
      assertThat(first.unavailableReason()).isNull();
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
      cmd.add(SecondInstanceMain.class.getName());
      cmd.addAll(List.of(Integer.toString(base), Integer.toString(slots), scratch.toString()));
      cmd.add(Integer.toString(runs));
      Process second = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      StringBuffer output = new StringBuffer();
      java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try (java.io.BufferedReader r = second.inputReader()) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("READY") || line.startsWith("RESULT")) {
                      ready.countDown();
                    }
                  }
                } catch (java.io.IOException e) {
                  output.append(e);
                } finally {
                  ready.countDown();
                }
              });
      reader.start();
      // Both instances run at once: start once the second has claimed its slots.
      assertThat(ready.await(120, TimeUnit.SECONDS)).as("second instance started").isTrue();
      int[] mine = SecondInstanceMain.runAll(first, "first", runs, slots);
      assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("second instance finished").isTrue();
      reader.join();
      Matcher m = Pattern.compile("RESULT ids=\\[([0-9, ]*)] ok=(\\d+) bad=(\\d+)").matcher(output);
      assertThat(m.find()).as("second instance said: %s", output).isTrue();
      Set<Integer> theirs = new HashSet<>();
      for (String id : m.group(1).split(",\\s*")) {
        theirs.add(Integer.parseInt(id));
      }
      assertThat(mine).containsExactly(runs, 0);
      assertThat(Integer.parseInt(m.group(2))).isEqualTo(runs);
      assertThat(Integer.parseInt(m.group(3))).isZero();
      assertThat(theirs).hasSize(slots).doesNotContainAnyElementsOf(first.slotIds());
    } finally {
      first.close();
    }
  }
}
