package dev.arbiter.suite.deploy;

import static dev.arbiter.suite.deploy.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.gateway.GatewayProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml and k8s/ checked against the apps without Docker or a cluster: every service's
 * port agrees with its module's {@code server.port}, its probes and healthchecks hit the actuator,
 * and every {@code ARBITER_*} variable names a real configuration property.
 */
class DeploymentManifestsTest {

  static Path root;
  static Map<String, Object> compose;
  static Map<String, Map<String, Object>> k8sDeployments = new LinkedHashMap<>();
  static List<Map<String, Object>> k8sDocs = new ArrayList<>();
  static Set<String> knownProperties = new HashSet<>();
  static Set<String> knownPropertyNames = new HashSet<>();
  static Set<String> mapProperties = new HashSet<>();

  @BeforeAll
  static void load() throws IOException {
    root = RepoFiles.root();
    compose = RepoFiles.yaml(root.resolve("docker-compose.yml"));
    Map<String, Object> kustomization = RepoFiles.yaml(root.resolve("k8s/base/kustomization.yaml"));
    for (String resource : RepoFiles.<List<String>>at(kustomization, "resources")) {
      Path file = root.resolve("k8s/base").resolve(resource);
      assertThat(file).as("kustomization resource %s", resource).exists();
      for (Map<String, Object> doc : RepoFiles.yamlDocuments(file)) {
        k8sDocs.add(doc);
        if ("Deployment".equals(doc.get("kind")) || "StatefulSet".equals(doc.get("kind"))) {
          k8sDeployments.put(at(doc, "metadata", "name"), doc);
        }
      }
    }
    JsonMapper json = JsonMapper.builder().build();
    for (URL url :
        Collections.list(
            DeploymentManifestsTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        JsonNode meta = json.readTree(in);
        for (JsonNode p : meta.path("properties")) {
          String name = p.path("name").asString();
          knownProperties.add(normalize(name));
          knownPropertyNames.add(name);
          if (p.path("type").asString().startsWith("java.util.Map")) {
            mapProperties.add(normalize(name));
          }
        }
      }
    }
  }

  private static String normalize(String name) {
    return name.toLowerCase().replaceAll("[^a-z0-9]", "");
  }

  private static Map<String, Map<String, Object>> composeServices() {
    return at(compose, "services");
  }

  /** The module's own server.port from its application.yml. */
  private static int modulePort(Path moduleDir) {
    Map<String, Object> app =
        RepoFiles.yaml(moduleDir.resolve("src/main/resources/application.yml"));
    return ((Number) at(app, "server", "port")).intValue();
  }

  @Test
  void compose_everyServicePortMatchesItsModuleAndHasAnActuatorHealthcheck() {
    assertThat(composeServices()).containsKeys("reward-gateway", "vision-iou");
    composeServices()
        .forEach(
            (name, service) -> {
              Map<String, Object> args = at(service, "build", "args");
              if (service.get("build") == null) {
                return; // a third-party image (a database, a local LLM server)
              }
              assertThat(args).as("%s build args", name).containsKeys("MODULE", "ARTIFACT", "PORT");
              Path module = root.resolve(String.valueOf(args.get("MODULE")));
              assertThat(module.resolve("pom.xml")).as("%s module", name).exists();
              int port = modulePort(module);
              assertThat(args.get("PORT")).as("%s PORT", name).isEqualTo(String.valueOf(port));
              Map<String, Object> env = at(service, "environment");
              assertThat(env.get("SERVER_PORT"))
                  .as("%s SERVER_PORT", name)
                  .isEqualTo(String.valueOf(port));
              List<String> ports = at(service, "ports");
              assertThat(ports).as("%s ports", name).anyMatch(p -> p.endsWith(":" + port));
              List<String> test = at(service, "healthcheck", "test");
              assertThat(String.join(" ", test))
                  .as("%s healthcheck", name)
                  .contains("http://localhost:" + port + "/actuator/health");
            });
  }

  @Test
  void k8s_everyDeploymentMatchesComposeAndProbesTheActuator() {
    assertThat(k8sDeployments).containsKeys("reward-gateway", "vision-iou");
    k8sDeployments.forEach(
        (name, deployment) -> {
          List<Map<String, Object>> containers =
              at(deployment, "spec", "template", "spec", "containers");
          Map<String, Object> container = containers.get(0);
          int containerPort =
              ((Number) at(((List<?>) container.get("ports")).get(0), "containerPort")).intValue();
          Map<String, String> env = envOf(container);
          assertThat(env.get("SERVER_PORT"))
              .as("%s SERVER_PORT", name)
              .isEqualTo(String.valueOf(containerPort));
          assertThat(RepoFiles.<String>at(container, "livenessProbe", "httpGet", "path"))
              .isEqualTo("/actuator/health/liveness");
          assertThat(RepoFiles.<String>at(container, "readinessProbe", "httpGet", "path"))
              .isEqualTo("/actuator/health/readiness");
          assertThat(RepoFiles.<Object>at(container, "resources", "requests"))
              .as("%s requests", name)
              .isNotNull();
          assertThat(RepoFiles.<Object>at(container, "resources", "limits"))
              .as("%s limits", name)
              .isNotNull();
          Map<String, Object> composeService = composeServices().get(name);
          if (composeService != null) {
            // The same image as compose builds.
            assertThat(RepoFiles.<String>at(container, "image"))
                .as("%s image", name)
                .isEqualTo(composeService.get("image"));
            assertThat(
                    RepoFiles.<Map<String, Object>>at(composeService, "environment")
                        .get("SERVER_PORT"))
                .isEqualTo(String.valueOf(containerPort));
          }
          assertThat(services())
              .as("a Service for %s", name)
              .anyMatch(
                  s ->
                      name.equals(at(s, "metadata", "name"))
                          && ((List<?>) at(s, "spec", "ports"))
                              .stream()
                                  .anyMatch(
                                      p ->
                                          ((Number) at(p, "targetPort")).intValue()
                                              == containerPort));
        });
  }

  @Test
  void k8s_autoscalersTargetExistingDeployments() {
    List<Map<String, Object>> hpas =
        k8sDocs.stream().filter(d -> "HorizontalPodAutoscaler".equals(d.get("kind"))).toList();
    assertThat(hpas).isNotEmpty();
    hpas.forEach(
        h -> assertThat(k8sDeployments).containsKey(at(h, "spec", "scaleTargetRef", "name")));
  }

  @Test
  void env_everyArbiterVariableNamesARealProperty() {
    Map<String, String> all = new LinkedHashMap<>();
    composeServices()
        .values()
        .forEach(
            s -> {
              Map<String, Object> env = at(s, "environment");
              if (env != null) {
                env.forEach((k, v) -> all.put(k, String.valueOf(v)));
              }
            });
    k8sDeployments
        .values()
        .forEach(
            d -> {
              List<Map<String, Object>> containers =
                  at(d, "spec", "template", "spec", "containers");
              containers.forEach(c -> all.putAll(envOf(c)));
            });
    List<String> unknown = new ArrayList<>();
    all.keySet().stream()
        .filter(k -> k.startsWith("ARBITER_"))
        .forEach(
            k -> {
              String n = normalize(k);
              boolean known =
                  knownProperties.contains(n) || mapProperties.stream().anyMatch(n::startsWith);
              if (!known) {
                unknown.add(k);
              }
            });
    assertThat(unknown).as("ARBITER_* variables that bind to no property").isEmpty();
  }

  /**
   * The naming rule (README, "Configuration"): each service's settings are {@code
   * arbiter.<service>}, the shared edge's {@code arbiter.scoring}; compose services and k8s
   * deployments are named after modules.
   */
  static final Map<String, String> SERVICE_NAMES =
      Map.of(
          "reward-gateway", "gateway",
          "vision-iou", "vision",
          "math-verifier", "math",
          "code-sandbox", "code",
          "rules-verifier", "rules",
          "principle-rm", "principle",
          "meta-reward", "rubric",
          "policy-trainer", "trainer");

  static final String SHARED_PREFIX = "scoring";

  @Test
  void naming_everyPropertyPrefixIsAServiceNameOrTheSharedEdge() {
    Set<String> allowed = new HashSet<>(SERVICE_NAMES.values());
    allowed.add(SHARED_PREFIX);
    Set<String> prefixes = new HashSet<>();
    knownPropertyNames.stream()
        .filter(n -> n.startsWith("arbiter."))
        .forEach(n -> prefixes.add(n.split("\\.")[1]));
    assertThat(prefixes).as("arbiter.<prefix> of every property").isNotEmpty();
    assertThat(allowed).containsAll(prefixes);
    assertThat(prefixes).as("every service has settings").containsAll(SERVICE_NAMES.values());
  }

  @Test
  void naming_eachServicesVariablesUseItsOwnPrefixOrTheSharedOne() {
    Map<String, Map<String, String>> envByService = new LinkedHashMap<>();
    composeServices()
        .forEach(
            (name, s) -> {
              if (s.get("build") != null) {
                Map<String, Object> env = at(s, "environment");
                Map<String, String> vars = new LinkedHashMap<>();
                if (env != null) {
                  env.forEach((k, v) -> vars.put(k, String.valueOf(v)));
                }
                envByService.put("compose " + name, vars);
                assertThat(SERVICE_NAMES)
                    .as("compose service %s has a service name", name)
                    .containsKey(name);
              }
            });
    k8sDeployments.forEach(
        (name, d) -> {
          envByService.put("k8s " + name, envOf(container(d)));
          assertThat(SERVICE_NAMES)
              .as("k8s deployment %s has a service name", name)
              .containsKey(name);
        });
    envByService.forEach(
        (where, env) -> {
          String service = SERVICE_NAMES.get(where.substring(where.indexOf(' ') + 1));
          String own = "ARBITER_" + service.toUpperCase() + "_";
          String shared = "ARBITER_" + SHARED_PREFIX.toUpperCase() + "_";
          assertThat(env.keySet().stream().filter(k -> k.startsWith("ARBITER_")))
              .as("%s ARBITER_* variables", where)
              .allMatch(k -> k.startsWith(own) || k.startsWith(shared));
        });
  }

  @Test
  void naming_gatewayBackendsAreNamedAfterTheirService() {
    Map<String, Object> env = at(composeServices().get("reward-gateway"), "environment");
    bindGateway(env)
        .backends()
        .forEach(
            (name, backend) -> {
              Matcher m = Pattern.compile("http://([a-z0-9-]+):\\d+").matcher(backend.url());
              assertThat(m.matches()).as(backend.url()).isTrue();
              assertThat(name).as(backend.url()).isEqualTo(SERVICE_NAMES.get(m.group(1)));
            });
  }

  @Test
  void env_gatewayBackendsBindAsTheGatewayReadsThem() {
    Map<String, Object> env = at(composeServices().get("reward-gateway"), "environment");
    GatewayProperties bound = bindGateway(env);
    assertThat(bound.backends()).containsKey("vision");
    assertThat(bound.backends().get("vision").url()).isEqualTo("http://vision-iou:8081");
    // Backends are URLs only: the gateway asks each for its scorer ids (GET /v1/scorers).
    assertThat(bound.backends().values()).allSatisfy(b -> assertThat(b.scorers()).isEmpty());
    // Every backend URL points at a compose service on its module's port.
    bound
        .backends()
        .values()
        .forEach(
            b -> {
              Matcher m = Pattern.compile("http://([a-z0-9-]+):(\\d+)").matcher(b.url());
              assertThat(m.matches()).as(b.url()).isTrue();
              assertThat(composeServices()).containsKey(m.group(1));
              assertThat(
                      RepoFiles.<Map<String, Object>>at(
                              composeServices().get(m.group(1)), "environment")
                          .get("SERVER_PORT"))
                  .isEqualTo(m.group(2));
            });
    Map<String, Object> k8sEnv =
        new LinkedHashMap<>(envOf(container(k8sDeployments.get("reward-gateway"))));
    assertThat(bindGateway(k8sEnv).backends()).isEqualTo(bound.backends());
  }

  static GatewayProperties bindGateway(Map<String, Object> env) {
    StandardEnvironment environment = new StandardEnvironment();
    // Named like the real one so Boot applies its environment-variable name mapping.
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    return Binder.get(environment).bindOrCreate("arbiter.gateway", GatewayProperties.class);
  }

  private static List<Map<String, Object>> services() {
    return k8sDocs.stream().filter(d -> "Service".equals(d.get("kind"))).toList();
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
    return containers.get(0);
  }

  private static Map<String, String> envOf(Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    List<Map<String, Object>> list = at(container, "env");
    if (list != null) {
      list.forEach(e -> env.put((String) e.get("name"), String.valueOf(e.get("value"))));
    }
    return env;
  }

  @Test
  void dockerfile_oneRecipeCopiesEachServicesThinJar() throws IOException {
    String dockerfile = Files.readString(root.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("${MODULE}/target/${ARTIFACT}.jar")
        .contains("${MODULE}/target/lib")
        .contains("AS host-jars")
        .contains("ARG JDK_IMAGE=eclipse-temurin:17-jdk")
        .contains("ARG JRE_IMAGE=eclipse-temurin:17-jre");
    for (Map.Entry<String, Map<String, Object>> e : composeServices().entrySet()) {
      Map<String, Object> args = at(e.getValue(), "build", "args");
      if (args == null) {
        continue;
      }
      String pom =
          Files.readString(root.resolve(String.valueOf(args.get("MODULE"))).resolve("pom.xml"));
      String afterParent = pom.substring(pom.indexOf("</parent>"));
      Matcher artifactId = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(afterParent);
      assertThat(artifactId.find()).isTrue();
      // Modules name their jar after the artifactId (finalName), the suite excepted.
      assertThat(args.get("ARTIFACT")).as("%s ARTIFACT", e.getKey()).isEqualTo(artifactId.group(1));
      assertThat(pom)
          .as("%s finalName", e.getKey())
          .contains("<finalName>${project.artifactId}</finalName>");
    }
  }
}
