package dev.arbiter.suite.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomization in Java, for the kustomize features k8s/ uses: {@code resources} (files
 * and kustomization directories), {@code namespace}, {@code labels} (metadata only), {@code images}
 * ({@code newName}/{@code newTag}) and {@code patches} (a strategic-merge patch file or inline JSON
 * 6902 operations, with a kind/name target). Anything else in a kustomization is refused, so a
 * feature added to k8s/ without support here fails the test instead of rendering wrong.
 * KubernetesManifestsTest compares its output with {@code kubectl kustomize} where a kubectl is
 * installed.
 */
final class Kustomize {

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "namespace", "labels", "resources", "images", "patches");

  /** Cluster-scoped kinds used here: the namespace transformer leaves them alone. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume");

  private Kustomize() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> render(Path dir) {
    Map<String, Object> k = RepoFiles.yaml(dir.resolve("kustomization.yaml"));
    for (String key : k.keySet()) {
      if (!SUPPORTED.contains(key)) {
        throw new IllegalArgumentException(dir + ": kustomization field '" + key + "' unsupported");
      }
    }
    List<Map<String, Object>> docs = new ArrayList<>();
    for (String r : (List<String>) k.getOrDefault("resources", List.of())) {
      Path p = dir.resolve(r).normalize();
      if (Files.isDirectory(p)) {
        docs.addAll(render(p));
      } else {
        docs.addAll(RepoFiles.yamlDocuments(p));
      }
    }
    for (Map<String, Object> patch :
        (List<Map<String, Object>>) k.getOrDefault("patches", List.of())) {
      Map<String, Object> target = (Map<String, Object>) patch.get("target");
      for (Map<String, Object> doc : docs) {
        if (target != null
            && (!matches(target.get("kind"), doc.get("kind"))
                || !matches(target.get("name"), RepoFiles.at(doc, "metadata", "name")))) {
          continue;
        }
        if (patch.get("path") != null) {
          Map<String, Object> smp = RepoFiles.yaml(dir.resolve((String) patch.get("path")));
          if (target == null
              && (!smp.get("kind").equals(doc.get("kind"))
                  || !RepoFiles.at(smp, "metadata", "name")
                      .equals(RepoFiles.at(doc, "metadata", "name")))) {
            continue;
          }
          merge(doc, smp);
        } else {
          List<Map<String, Object>> ops =
              (List<Map<String, Object>>)
                  new Yaml().load(new StringReader((String) patch.get("patch")));
          ops.forEach(op -> apply(doc, op));
        }
      }
    }
    for (Map<String, Object> image :
        (List<Map<String, Object>>) k.getOrDefault("images", List.of())) {
      docs.forEach(doc -> retag(doc, image));
    }
    for (Map<String, Object> label :
        (List<Map<String, Object>>) k.getOrDefault("labels", List.of())) {
      if (Boolean.TRUE.equals(label.get("includeSelectors"))
          || Boolean.TRUE.equals(label.get("includeTemplates"))) {
        throw new IllegalArgumentException(dir + ": labels into selectors/templates unsupported");
      }
      Map<String, Object> pairs = (Map<String, Object>) label.get("pairs");
      docs.forEach(
          doc ->
              ((Map<String, Object>)
                      ((Map<String, Object>) doc.get("metadata"))
                          .computeIfAbsent("labels", x -> new LinkedHashMap<>()))
                  .putAll(pairs));
    }
    Object namespace = k.get("namespace");
    if (namespace != null) {
      docs.stream()
          .filter(d -> !CLUSTER_SCOPED.contains(d.get("kind")))
          .forEach(d -> ((Map<String, Object>) d.get("metadata")).put("namespace", namespace));
    }
    return docs;
  }

  private static boolean matches(Object wanted, Object actual) {
    return wanted == null || wanted.equals(actual);
  }

  /** Strategic merge as far as k8s/ needs: maps merge, lists of named maps merge by name. */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> into, Map<String, Object> patch) {
    patch.forEach(
        (key, value) -> {
          Object existing = into.get(key);
          if (value instanceof Map<?, ?> m && existing instanceof Map<?, ?> e) {
            merge((Map<String, Object>) e, (Map<String, Object>) m);
          } else if (value instanceof List<?> list
              && existing instanceof List<?> old
              && !list.isEmpty()
              && list.stream().allMatch(x -> x instanceof Map<?, ?> xm && xm.containsKey("name"))) {
            // As kustomize orders it: the patch's items first (merged where the name exists),
            // then the original items the patch does not name, in their order.
            List<Object> rest = new ArrayList<>((List<Object>) old);
            List<Object> merged = new ArrayList<>();
            for (Object item : list) {
              Map<String, Object> named = (Map<String, Object>) item;
              Map<String, Object> match =
                  rest.stream()
                      .map(x -> (Map<String, Object>) x)
                      .filter(x -> named.get("name").equals(x.get("name")))
                      .findFirst()
                      .orElse(null);
              if (match != null) {
                rest.remove(match);
                merge(match, named);
                merged.add(match);
              } else {
                merged.add(named);
              }
            }
            merged.addAll(rest);
            into.put(key, merged);
          } else {
            into.put(key, value);
          }
        });
  }

  /** One JSON 6902 operation (add, replace, remove). */
  @SuppressWarnings("unchecked")
  static void apply(Map<String, Object> doc, Map<String, Object> op) {
    String[] path = ((String) op.get("path")).substring(1).split("/");
    Object parent = doc;
    for (int i = 0; i < path.length - 1; i++) {
      String p = unescape(path[i]);
      parent =
          parent instanceof List<?> l
              ? l.get(Integer.parseInt(p))
              : ((Map<String, Object>) parent).get(p);
      if (parent == null) {
        throw new IllegalArgumentException("no " + op.get("path") + " in " + doc.get("kind"));
      }
    }
    String last = unescape(path[path.length - 1]);
    String kind = (String) op.get("op");
    Object value = op.get("value");
    if (parent instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      int index = last.equals("-") ? list.size() : Integer.parseInt(last);
      switch (kind) {
        case "add" -> list.add(index, value);
        case "replace" -> list.set(index, value);
        case "remove" -> list.remove(index);
        default -> throw new IllegalArgumentException("op " + kind + " unsupported");
      }
    } else {
      Map<String, Object> map = (Map<String, Object>) parent;
      switch (kind) {
        case "add", "replace" -> map.put(last, value);
        case "remove" -> map.remove(last);
        default -> throw new IllegalArgumentException("op " + kind + " unsupported");
      }
    }
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  @SuppressWarnings("unchecked")
  private static void retag(Map<String, Object> doc, Map<String, Object> image) {
    List<Map<String, Object>> containers =
        RepoFiles.at(doc, "spec", "template", "spec", "containers");
    if (containers == null) {
      return;
    }
    for (Map<String, Object> c : containers) {
      String ref = (String) c.get("image");
      int colon = ref.lastIndexOf(':');
      String name = colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
      String tag = colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : null;
      if (!name.equals(image.get("name"))) {
        continue;
      }
      String newName = image.get("newName") != null ? (String) image.get("newName") : name;
      String newTag = image.get("newTag") != null ? String.valueOf(image.get("newTag")) : tag;
      c.put("image", newTag != null ? newName + ":" + newTag : newName);
    }
  }

  /** {@code kubectl kustomize dir} parsed, or null where no kubectl is installed. */
  static List<Map<String, Object>> kubectl(Path dir) {
    try {
      Process p =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize " + dir + " failed (kubectl 1.22+ needed)");
      }
      List<Map<String, Object>> docs = new ArrayList<>();
      for (Object d : new Yaml().loadAll(out)) {
        if (d != null) {
          docs.add((Map<String, Object>) d);
        }
      }
      return docs;
    } catch (IOException e) {
      return null; // no kubectl on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
