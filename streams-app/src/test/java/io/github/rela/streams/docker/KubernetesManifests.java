package io.github.rela.streams.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Kubernetes manifests (YAML, several documents each) read as trees, found by kind. */
final class KubernetesManifests {

  private final List<JsonNode> documents;

  private KubernetesManifests(List<JsonNode> documents) {
    this.documents = documents;
  }

  /** The documents of every text, in order. */
  static KubernetesManifests parse(List<String> yamls) {
    List<JsonNode> documents = new ArrayList<>();
    for (String yaml : yamls) {
      try (MappingIterator<JsonNode> it =
          new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
        it.forEachRemaining(
            node -> {
              if (!node.isNull() && !node.isMissingNode()) {
                documents.add(node);
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("Not YAML", e);
      }
    }
    return new KubernetesManifests(documents);
  }

  /** The only document of {@code kind}. */
  JsonNode only(String kind) {
    List<JsonNode> found =
        documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException(found.size() + " documents of kind " + kind);
    }
    return found.get(0);
  }

  /** The first container of a Deployment's pod template. */
  static JsonNode container(JsonNode deployment) {
    return deployment.path("spec").path("template").path("spec").path("containers").path(0);
  }

  /**
   * The environment a container starts with: its ConfigMaps' data (envFrom), then its own {@code
   * env} entries, as Kubernetes applies them.
   */
  Map<String, String> environment(JsonNode container) {
    Map<String, String> environment = new TreeMap<>();
    for (JsonNode source : container.path("envFrom")) {
      String name = source.path("configMapRef").path("name").asText();
      documents.stream()
          .filter(d -> "ConfigMap".equals(d.path("kind").asText()))
          .filter(d -> name.equals(d.path("metadata").path("name").asText()))
          .forEach(
              d ->
                  d.path("data")
                      .properties()
                      .forEach(e -> environment.put(e.getKey(), e.getValue().asText())));
    }
    for (JsonNode variable : container.path("env")) {
      environment.put(variable.path("name").asText(), variable.path("value").asText());
    }
    return environment;
  }
}
