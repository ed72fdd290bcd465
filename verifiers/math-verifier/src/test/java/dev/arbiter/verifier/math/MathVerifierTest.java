package dev.arbiter.verifier.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Typical RL responses against typical gold answers, with default options. */
class MathVerifierTest {

  static final String[][] CASES = {
    {"so \\boxed{2\\sqrt{2}}", "\\sqrt{8}", "true"},
    {"\\boxed{123456789012345678901234567890}", "123456789012345678901234567890", "true"},
    {"\\boxed{5\\%}", "0.05", "true"},
    {"The total is \\boxed{\\$5.00}", "5", "true"},
    {"$\\boxed{-\\frac{1}{2}}$", "-0.5", "true"},
    {"\\boxed{(-\\infty, 3)}", "x < 3", "true"},
    {"\\boxed{x=2 \\text{ or } x=3}", "2, 3", "true"},
    {"\\boxed{3.14}", "\\pi", "false"},
    {"Thus $x = \\frac{-b}{2a}$", "-\\frac{b}{2a}", "true"},
    {"\\boxed{\\frac{\\sqrt{3}}{2}}", "\\frac{1}{2}\\sqrt{3}", "true"},
    {"\\boxed{e^{i\\pi}}", "-1", "true"},
    {"\\boxed{\\ln 8}", "3\\ln 2", "true"},
    {"\\boxed{\\log_2 8}", "3", "true"},
    {"\\boxed{\\sin\\frac{\\pi}{6}}", "\\frac12", "true"},
    {
      "\\boxed{\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}}",
      "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}",
      "true"
    },
    {
      "\\boxed{\\begin{pmatrix} 1 \\\\ 3 \\end{pmatrix}}",
      "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}",
      "false"
    },
    {"\\boxed{\\{1,2\\}}", "\\{2,1\\}", "true"},
    {"\\boxed{(1,2)}", "(2,1)", "false"},
    {"\\boxed{[1,2]}", "[1,2)", "false"},
    {"The answer is 42.", "42", "true"},
    {"I think it's 41 or maybe 42. Final answer: 42", "42", "true"},
    {"\\boxed{2^{10}}", "1024", "true"},
    {"\\boxed{10!}", "3628800", "true"},
    {"\\boxed{\\binom{10}{3}}", "120", "true"},
    {"\\boxed{1-\\frac{1}{e}}", "1+\\frac{1}{e}", "false"},
    {"\\boxed{\\frac{x^2-1}{x-1}}", "x+1", "true"},
    {"\\boxed{\\dfrac{1}{\\sqrt{2}}}", "\\frac{\\sqrt2}{2}", "true"},
    {"\\boxed{0.333}", "\\frac13", "false"},
    {"\\boxed{0.3333333}", "\\frac13", "true"},
    {"\\boxed{y = 2x + 1}", "y=1+2x", "true"},
    {"\\boxed{2x+1}", "y=2x+1", "true"},
    {"\\boxed{1,000,000}", "10^6", "true"},
    {"\\boxed{\\text{B}}", "B", "true"},
    {"\\boxed{12 \\text{ cm}^2}", "12", "true"},
    {"\\boxed{3 + 4i}", "4i+3", "true"},
    {"\\boxed{x \\in (0, 1]}", "(0,1]", "true"},
  };

  static Stream<Arguments> cases() {
    return Arrays.stream(CASES).map(c -> Arguments.of(c[0], c[1], Boolean.parseBoolean(c[2])));
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @MethodSource("cases")
  void verify_typicalAnswer(String response, String gold, boolean expected) {
    MathVerifier.Outcome outcome =
        ConformanceCases.VERIFIER.verify(response, gold, MathOptions.from(Map.of(), 2000, 10_000));
    assertThat(outcome.correct()).as("%s", outcome).isEqualTo(expected);
  }
}
