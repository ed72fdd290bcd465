package dev.arbiter.verifier.math;

import java.util.List;

/** Prints every disagreement with the conformance files (a development aid, not a test). */
public final class ConformanceReport {
  public static void main(String[] args) {
    for (String file :
        List.of("math_verify_cases.jsonl", "math_extra_cases.jsonl", "math_round2_cases.jsonl")) {
      int agree = 0;
      List<ConformanceCases.Case> cases = ConformanceCases.load(file);
      for (ConformanceCases.Case c : cases) {
        MathVerifier.Outcome o;
        try {
          o = ConformanceCases.run(c);
        } catch (RuntimeException e) {
          System.out.println("EXC " + c.name() + " " + e);
          continue;
        }
        if (o.correct() == c.expected()) {
          agree++;
        } else {
          System.out.println(
              "DIS "
                  + c.name()
                  + " exp="
                  + c.expected()
                  + " gold="
                  + trunc(c.gold())
                  + " pred="
                  + trunc(c.pred()));
          System.out.println("    got " + o);
        }
      }
      System.out.println(file + ": " + agree + "/" + cases.size());
    }
    System.exit(0);
  }

  private static String trunc(String s) {
    String t = s.replace("\n", "\\n");
    return t.length() > 160 ? "..." + t.substring(t.length() - 160) : t;
  }
}
