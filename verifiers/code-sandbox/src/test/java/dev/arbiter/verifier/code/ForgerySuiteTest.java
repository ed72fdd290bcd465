package dev.arbiter.verifier.code;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The forgery suite ({@link ForgeryCases}) against the bubblewrap sandbox, every language: each
 * trick must earn exactly the reward of an honest wrong solution of its problem.
 */
class ForgerySuiteTest {

  private static final ForgeryCases CASES = new ForgeryCases(TestSandboxes.scorer());

  @TestFactory
  Stream<DynamicTest> everyForgery_earnsTheHonestWrongReward() {
    return CASES.tests(Set.of());
  }

  @AfterAll
  static void report() {
    System.out.println("forgery suite: " + CASES.report());
  }
}
