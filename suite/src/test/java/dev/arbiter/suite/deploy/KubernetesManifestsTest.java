package dev.arbiter.suite.deploy;

import static dev.arbiter.suite.deploy.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * k8s/base and every overlay rendered ({@link Kustomize}; equal to {@code kubectl kustomize} where
 * kubectl is installed) and each object read strictly by the Kubernetes API's own model classes
 * (client-java-api, 1.32's schema): an unknown or misspelt field, or a missing required one, fails.
 * Then Pod Security: every pod meets {@code restricted}, except code-sandbox, which meets {@code
 * baseline} with the shipped Localhost seccomp profile.
 */
class KubernetesManifestsTest {

  private static final Gson GSON = new Gson();
  private static final Path ROOT = RepoFiles.root();
  private static final Set<String> RESTRICTED_VOLUMES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret",
          "name");

  static List<Path> kustomizations() throws IOException {
    List<Path> dirs = new ArrayList<>();
    dirs.add(ROOT.resolve("k8s/base"));
    try (Stream<Path> overlays = Files.list(ROOT.resolve("k8s/overlays"))) {
      overlays
          .filter(d -> Files.exists(d.resolve("kustomization.yaml")))
          .sorted()
          .forEach(dirs::add);
    }
    return dirs;
  }

  private static Map<String, Map<String, Object>> byKindAndName(List<Map<String, Object>> docs) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    docs.forEach(d -> out.put(d.get("kind") + "/" + at(d, "metadata", "name"), d));
    return out;
  }

  @Test
  void render_javaRenderingEqualsKubectlKustomizeWhereInstalled() throws IOException {
    for (Path dir : kustomizations()) {
      List<Map<String, Object>> kubectl = Kustomize.kubectl(dir);
      if (kubectl == null) {
        continue; // no kubectl here: the Java rendering alone is validated below
      }
      assertThat(byKindAndName(Kustomize.render(dir)))
          .as("%s rendered in Java vs kubectl kustomize", ROOT.relativize(dir))
          .isEqualTo(byKindAndName(kubectl));
    }
  }

  @Test
  void render_everyObjectReadsStrictlyAsItsKubernetesApiType() throws Exception {
    for (Path dir : kustomizations()) {
      List<Map<String, Object>> docs = Kustomize.render(dir);
      assertThat(docs).isNotEmpty();
      for (Map<String, Object> doc : docs) {
        String apiVersion = (String) doc.get("apiVersion");
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String type =
            "io.kubernetes.client.openapi.models."
                + Character.toUpperCase(version.charAt(0))
                + version.substring(1)
                + doc.get("kind");
        Method fromJson = Class.forName(type).getMethod("fromJson", String.class);
        try {
          fromJson.invoke(null, GSON.toJson(doc));
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw new AssertionError(
              ROOT.relativize(dir)
                  + " "
                  + doc.get("kind")
                  + "/"
                  + at(doc, "metadata", "name")
                  + ": "
                  + e.getCause().getMessage(),
              e.getCause());
        }
      }
    }
  }

  @Test
  void podSecurity_restrictedForEveryPodButCodeSandboxWhichIsBaseline() throws IOException {
    for (Path dir : kustomizations()) {
      for (Map<String, Object> doc : Kustomize.render(dir)) {
        Map<String, Object> pod = at(doc, "spec", "template", "spec");
        if (pod == null) {
          continue;
        }
        String name = at(doc, "metadata", "name");
        String where = ROOT.relativize(dir) + " " + name;
        baseline(where, pod);
        if (name.equals("code-sandbox")) {
          assertThat(RepoFiles.<String>at(pod, "securityContext", "seccompProfile", "type"))
              .as(where)
              .isEqualTo("Localhost");
          String profile = at(pod, "securityContext", "seccompProfile", "localhostProfile");
          assertThat(ROOT.resolve("k8s/node").resolve(Path.of(profile).getFileName()))
              .as("%s: the shipped profile %s", where, profile)
              .exists();
        } else {
          restricted(where, pod);
        }
      }
    }
  }

  private static List<Map<String, Object>> containers(Map<String, Object> pod) {
    List<Map<String, Object>> all =
        new ArrayList<>(RepoFiles.<List<Map<String, Object>>>at(pod, "containers"));
    List<Map<String, Object>> init = at(pod, "initContainers");
    if (init != null) {
      all.addAll(init);
    }
    return all;
  }

  /** Pod Security Standards "baseline" (the checks that apply to these specs). */
  private static void baseline(String where, Map<String, Object> pod) {
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
      assertThat(pod.get(host)).as("%s %s", where, host).isNotEqualTo(true);
    }
    List<Map<String, Object>> volumes = at(pod, "volumes");
    if (volumes != null) {
      volumes.forEach(v -> assertThat(v).as(where).doesNotContainKey("hostPath"));
    }
    assertThat(RepoFiles.<String>at(pod, "securityContext", "seccompProfile", "type"))
        .as("%s seccomp", where)
        .isNotEqualTo("Unconfined");
    assertThat(RepoFiles.<String>at(pod, "securityContext", "appArmorProfile", "type"))
        .as("%s AppArmor", where)
        .isNotEqualTo("Unconfined");
    for (Map<String, Object> c : containers(pod)) {
      assertThat(RepoFiles.<Object>at(c, "securityContext", "privileged"))
          .as(where)
          .isNotEqualTo(true);
      List<String> add = at(c, "securityContext", "capabilities", "add");
      assertThat(add == null ? List.<String>of() : add)
          .as("%s added capabilities", where)
          .isEmpty();
      assertThat(RepoFiles.<Object>at(c, "securityContext", "procMount"))
          .as(where)
          .isNotEqualTo("Unmasked");
      assertThat(RepoFiles.<String>at(c, "securityContext", "seccompProfile", "type"))
          .as("%s container seccomp", where)
          .isNotEqualTo("Unconfined");
      assertThat(c).as(where).doesNotContainKey("ports.hostPort");
    }
  }

  /** Pod Security Standards "restricted" on top of baseline. */
  private static void restricted(String where, Map<String, Object> pod) {
    String podSeccomp = at(pod, "securityContext", "seccompProfile", "type");
    Object podNonRoot = at(pod, "securityContext", "runAsNonRoot");
    List<Map<String, Object>> volumes = at(pod, "volumes");
    if (volumes != null) {
      volumes.forEach(
          v -> assertThat(RESTRICTED_VOLUMES).as("%s volume %s", where, v).containsAll(v.keySet()));
    }
    for (Map<String, Object> c : containers(pod)) {
      String seccomp = at(c, "securityContext", "seccompProfile", "type");
      assertThat(seccomp != null ? seccomp : podSeccomp)
          .as("%s seccomp", where)
          .isIn("RuntimeDefault", "Localhost");
      Object nonRoot = at(c, "securityContext", "runAsNonRoot");
      assertThat(nonRoot != null ? nonRoot : podNonRoot)
          .as("%s runAsNonRoot", where)
          .isEqualTo(true);
      assertThat(RepoFiles.<Object>at(c, "securityContext", "allowPrivilegeEscalation"))
          .as("%s allowPrivilegeEscalation", where)
          .isEqualTo(false);
      assertThat(RepoFiles.<List<String>>at(c, "securityContext", "capabilities", "drop"))
          .as("%s drops ALL", where)
          .contains("ALL");
    }
  }
}
