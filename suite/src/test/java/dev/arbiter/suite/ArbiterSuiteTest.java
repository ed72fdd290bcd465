package dev.arbiter.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArbiterSuiteTest {

  @Test
  void demoHint_namesTheOneLineDemoCommandForThisPort() {
    assertThat(ArbiterSuite.demoHint("18080"))
        .contains(
            "java -jar policy-trainer/target/policy-trainer.jar demo"
                + " --gateway-url=http://localhost:18080");
  }
}
