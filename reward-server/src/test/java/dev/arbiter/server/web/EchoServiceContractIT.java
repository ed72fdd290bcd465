package dev.arbiter.server.web;

import dev.arbiter.server.TestScorerApp;
import dev.arbiter.server.contract.ScoringServiceContract;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;

/** The service contract over the scripted echo scorer: the contract's own check of itself. */
@SpringBootTest(
    classes = TestScorerApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EchoServiceContractIT extends ScoringServiceContract {

  @Override
  protected Map<String, String> validItems() {
    return Map.of("echo", "{\"scorer\": \"echo\", \"response\": \"0.5\"}");
  }

  @Override
  protected String version() {
    return "echo/1";
  }

  @Override
  protected List<String> invalidReferenceItems() {
    return List.of(
        "{\"scorer\": \"echo\", \"response\": \"1\", \"reference\": {\"broken\": true}}");
  }
}
