package dev.arbiter.suite.deploy;

import static dev.arbiter.suite.deploy.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The code-sandbox image under what a Kubernetes pod gets by default, as k8s/base/code-sandbox.yaml
 * asks for it: the runtime's masked /proc paths and read-only /proc/sys (the engine's defaults, the
 * same lists containerd and CRI-O apply), the pod's seccomp profile (the shipped Localhost profile
 * k8s/node/arbiter-bwrap.json), uid 10001, every capability dropped, no privilege escalation, a
 * read-only root with a tmpfs /tmp, and the Deployment's environment. Every language the service
 * reports available must score a correct program 1 and a wrong one 0, and Python, C++, JavaScript,
 * Bash and Java must be among them. Skipped (reported as skipped) where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class PodDefaultsSandboxIT {

  private static final Logger log = LoggerFactory.getLogger(PodDefaultsSandboxIT.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SERVICE = "code-sandbox";

  /** A program per language that prints the sum of two numbers read from stdin. */
  private static final Map<String, String> SUM =
      Map.of(
          "python", "a, b = map(int, input().split())\nprint(a + b)",
          "cpp",
              "#include <iostream>\nint main() { long a, b; std::cin >> a >> b;"
                  + " std::cout << a + b << std::endl; }",
          "javascript",
              "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/)"
                  + ".map(Number);\nconsole.log(a + b);",
          "bash", "read a b\necho $((a + b))",
          "java",
              "import java.util.*;\npublic class Main { public static void main(String[] x) {"
                  + " Scanner s = new Scanner(System.in);"
                  + " System.out.println(s.nextLong() + s.nextLong()); } }",
          "go",
              "package main\nimport \"fmt\"\nfunc main() { var a, b int; fmt.Scan(&a, &b);"
                  + " fmt.Println(a + b) }",
          "rust",
              "use std::io::*;\nfn main() { let mut s = String::new();"
                  + " stdin().read_to_string(&mut s).unwrap();"
                  + " let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();"
                  + " println!(\"{}\", v[0] + v[1]); }");

  private static ComposeStack stack;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    stack = new ComposeStack();
    stack.build(SERVICE);
    stack.assignPorts(List.of(SERVICE));
    Map<String, Object> deployment =
        RepoFiles.yamlDocuments(stack.root.resolve("k8s/base/code-sandbox.yaml")).stream()
            .filter(d -> "Deployment".equals(d.get("kind")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> pod = at(deployment, "spec", "template", "spec");
    Map<String, Object> podSecurity = at(pod, "securityContext");
    List<Map<String, Object>> containers = at(pod, "containers");
    Map<String, Object> spec = containers.get(0);
    Map<String, String> env = new LinkedHashMap<>();
    List<Map<String, Object>> declared = at(spec, "env");
    declared.forEach(e -> env.put((String) e.get("name"), String.valueOf(e.get("value"))));
    env.put("SERVER_PORT", String.valueOf(stack.ports.get(SERVICE)));

    String profile = at(podSecurity, "seccompProfile", "localhostProfile");
    assertThat(profile).as("the pod's Localhost seccomp profile").isNotNull();
    String uid = String.valueOf((Object) at(podSecurity, "runAsUser"));
    assertThat(RepoFiles.<List<String>>at(spec, "securityContext", "capabilities", "drop"))
        .containsExactly("ALL");
    assertThat(RepoFiles.<Boolean>at(spec, "securityContext", "allowPrivilegeEscalation"))
        .isFalse();

    Path profileFile =
        stack.root.resolve("k8s/node").resolve(profile.substring(profile.lastIndexOf('/') + 1));
    stack.run(
        SERVICE,
        "arbiter-it-pod-defaults",
        (String) stack.ownServices().get(SERVICE).get("image"),
        List.of(
            "--user",
            uid,
            "--cap-drop",
            "ALL",
            "--security-opt",
            "no-new-privileges",
            "--security-opt",
            "seccomp=" + profileFile,
            "--read-only",
            "--tmpfs",
            "/tmp:size=1g,exec"),
        env);
    stack.awaitReady(SERVICE, Duration.ofMinutes(3));
    url = stack.url(SERVICE);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static JsonNode score(String language, String code, String stdout) throws Exception {
    String item =
        JSON.writeValueAsString(
            Map.of(
                "items",
                List.of(
                    Map.of(
                        "id",
                        "1",
                        "scorer",
                        "code",
                        "response",
                        "```" + language + "\n" + code + "\n```",
                        "reference",
                        Map.of(
                            "language",
                            language,
                            "tests",
                            List.of(Map.of("stdin", "2 3\n", "stdout", stdout)))))));
    HttpResponse<String> response =
        ComposeStack.HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/v1/score"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(item))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("results").get(0);
  }

  /**
   * bubblewrap itself under the pod's settings: the user, PID, network, IPC and UTS namespaces it
   * needs are allowed by the shipped profile (and seccomp is on), a program runs inside; mounting a
   * fresh /proc is refused (masked /proc), which is why the Deployment sets
   * ARBITER_CODE_MOUNT_PROC=false.
   */
  @Test
  void podSettings_allowBubblewrapsNamespacesButNoProcMount() {
    String id = stack.containers.get(SERVICE);
    String cli = ComposeStack.cli();
    assertThat(
            ComposeStack.exec(List.of(cli, "exec", id, "grep", "^Seccomp:", "/proc/self/status")))
        .contains("2");
    List<String> bwrap =
        List.of(
            cli,
            "exec",
            id,
            "bwrap",
            "--unshare-user",
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--die-with-parent",
            "--ro-bind",
            "/",
            "/",
            "--dev",
            "/dev",
            "--tmpfs",
            "/tmp");
    List<String> python = new java.util.ArrayList<>(bwrap);
    python.addAll(List.of("--", "/usr/bin/python3", "-c", "print(2 + 3)"));
    assertThat(ComposeStack.exec(python)).isEqualTo("5\n");
    List<String> proc = new java.util.ArrayList<>(bwrap);
    proc.addAll(List.of("--proc", "/proc", "--", "/bin/true"));
    assertThatThrownBy(() -> ComposeStack.exec(proc)).hasMessageContaining("Can't mount proc");
  }

  /**
   * The service under the pod's defaults: its sandbox probes whether bwrap's --disable-userns works
   * (it needs a writable /proc/sys/user/max_user_namespaces, read-only in a pod) and every language
   * it reports scores a right and a wrong program.
   */
  @Test
  void everyReportedLanguage_scoresUnderThePodsDefaults() throws Exception {
    HttpResponse<String> response =
        ComposeStack.HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/v1/languages")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode languages = JSON.readTree(response.body());
    log.info("/v1/languages under the pod's defaults: {}", languages);
    assertThat(languages.path("sandbox_available").asBoolean())
        .as("sandbox under the pod's defaults: %s", languages.path("sandbox_reason"))
        .isTrue();
    List<String> scored = new java.util.ArrayList<>();
    for (JsonNode l : languages.path("languages")) {
      if (!l.path("available").asBoolean()) {
        continue;
      }
      String id = l.path("id").asString();
      assertThat(SUM).as("a program for %s", id).containsKey(id);
      JsonNode right = score(id, SUM.get(id), "5\n");
      assertThat(right.path("status").asString()).as("%s: %s", id, right).isEqualTo("ok");
      assertThat(right.path("reward").asDouble()).as("%s: %s", id, right).isEqualTo(1.0);
      JsonNode wrong = score(id, SUM.get(id), "6\n");
      assertThat(wrong.path("reward").asDouble()).as("%s: %s", id, wrong).isEqualTo(0.0);
      scored.add(id);
    }
    // The image carries a JDK (javac serves Java submissions): Java must run without /proc too.
    assertThat(scored)
        .as("languages scored")
        .containsAll(List.of("python", "cpp", "javascript", "bash", "java"));
  }
}
