package dev.arbiter.verifier.code.spec;

import java.util.List;

/**
 * How one assert test runs: either as value probes (the expected sides stay in Java), or, for a
 * shape the parsers do not split, as test code run inside the program's process by the
 * tamper-evident harness.
 *
 * @param probes the candidate expressions and their checks (empty for in-process)
 * @param inProcess the test code to run in the program's process, or null for probes
 * @param setup code the test needs before it runs (imports, {@code require}s), may be empty
 * @param alias {@code param=function} when a {@code check(candidate)} style wrapper binds the entry
 *     point to a name, else empty
 */
public record AssertPlan(List<Probe> probes, String inProcess, String setup, String alias) {

  public AssertPlan {
    probes = List.copyOf(probes);
    setup = setup == null ? "" : setup;
    alias = alias == null ? "" : alias;
  }

  public static AssertPlan inProcess(String code) {
    return new AssertPlan(List.of(), code, "", "");
  }

  public boolean values() {
    return inProcess == null;
  }
}
