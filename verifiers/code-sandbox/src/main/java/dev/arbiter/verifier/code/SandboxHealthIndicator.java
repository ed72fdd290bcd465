package dev.arbiter.verifier.code;

import dev.arbiter.verifier.code.sandbox.Sandbox;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN, with the reason, when the sandbox cannot run programs (e.g. bubblewrap not installed). */
public class SandboxHealthIndicator implements HealthIndicator {

  private final Sandbox sandbox;

  public SandboxHealthIndicator(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public Health health() {
    String reason = sandbox.unavailableReason();
    if (reason != null) {
      return Health.down()
          .withDetail("reason", reason)
          .withDetail("sandbox", sandbox.describe())
          .build();
    }
    return Health.up().withDetail("sandbox", sandbox.describe()).build();
  }
}
