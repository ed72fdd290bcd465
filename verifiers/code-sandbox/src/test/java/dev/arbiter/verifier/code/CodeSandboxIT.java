package dev.arbiter.verifier.code;

import dev.arbiter.server.contract.ScoringServiceContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
    classes = CodeSandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.code.slots=2",
      "arbiter.code.run-timeout=2s",
      "arbiter.code.host-uid-base=61200",
      "arbiter.code.scratch-dir=${java.io.tmpdir}/arbiter-sandbox-it"
    })
class CodeSandboxIT extends ScoringServiceContract {

  @Override
  protected Map<String, String> validItems() {
    return Map.of(
        "code",
        """
        {"scorer": "code", "response": "```python\\nprint(3)\\n```",
         "reference": {"language": "python", "tests": [{"stdin": "", "stdout": "3\\n"}]}}""");
  }

  @Override
  protected String version() {
    return "code-sandbox/0.1.0";
  }

  @Override
  protected List<String> invalidReferenceItems() {
    return List.of(
        """
        {"scorer": "code", "response": "```python\\nprint(1)\\n```", "reference": {"language": "python"}}""");
  }

  @Test
  void languages_reportsWhatThisHostRuns() {
    ServiceCalls.languages(client)
        .jsonPath("$.sandbox_available")
        .isEqualTo(true)
        .jsonPath("$.sandbox")
        .value(s -> org.assertj.core.api.Assertions.assertThat((String) s).startsWith("bubblewrap"))
        .jsonPath("$.languages[?(@.id == 'python')].available")
        .isEqualTo(true)
        .jsonPath("$.languages[?(@.id == 'cpp')].available")
        .isEqualTo(true)
        .jsonPath("$.languages[?(@.id == 'javascript')].available")
        .isEqualTo(true)
        .jsonPath("$.languages[?(@.id == 'java')].available")
        .isEqualTo(true)
        .jsonPath("$.languages[?(@.id == 'bash')].available")
        .isEqualTo(true)
        .jsonPath("$.languages[?(@.available == false && !@.reason)]")
        .isEmpty();
  }

  @Test
  void score_batchOfVerdictsAndAHostileItem() {
    String tests =
        "\"tests\":[{\"stdin\":\"1 2\\n\",\"stdout\":\"3\\n\"},{\"stdin\":\"2 2\\n\",\"stdout\":\"4\\n\"}]";
    String body =
        """
        {"items":[
          {"id":"good","scorer":"code","group":"q","response":"```python\\na,b=map(int,input().split())\\nprint(a+b)\\n```","reference":{"language":"python",%s}},
          {"id":"half","scorer":"code","group":"q","response":"```python\\nprint(3)\\n```","reference":{"language":"python",%s}},
          {"id":"none","scorer":"code","group":"q","response":"no idea","reference":{"language":"python",%s}},
          {"id":"sleep","scorer":"code","group":"q","response":"```python\\nimport time\\ntime.sleep(100)\\n```","reference":{"language":"python",%s}},
          {"id":"badref","scorer":"code","response":"```python\\nprint(1)\\n```","reference":{"language":"python"}}
        ]}"""
            .formatted(tests, tests, tests, tests);
    ServiceCalls.score(client, body)
        .jsonPath("$.results[0].id")
        .isEqualTo("good")
        .jsonPath("$.results[0].reward")
        .isEqualTo(1.0)
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].scorer")
        .isEqualTo("code-sandbox/0.1.0")
        .jsonPath("$.results[0].components.pass_rate")
        .isEqualTo(1.0)
        .jsonPath("$.results[1].reward")
        .isEqualTo(0.5)
        .jsonPath("$.results[1].details.tests[1].outcome")
        .isEqualTo("wrong_answer")
        .jsonPath("$.results[2].reward")
        .isEqualTo(0.0)
        .jsonPath("$.results[2].details.verdict")
        .isEqualTo("no_code")
        .jsonPath("$.results[3].reward")
        .isEqualTo(0.0)
        .jsonPath("$.results[3].mask")
        .isEqualTo(false)
        .jsonPath("$.results[3].details.tests[0].outcome")
        .isEqualTo("timeout")
        .jsonPath("$.results[4].status")
        .isEqualTo("invalid_reference")
        .jsonPath("$.results[4].reward")
        .isEmpty()
        .jsonPath("$.groups.q.mean")
        .isEqualTo(0.375);
  }
}
