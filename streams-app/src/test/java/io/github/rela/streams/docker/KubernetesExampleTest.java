package io.github.rela.streams.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rela.streams.app.AppRunner;
import io.github.rela.streams.app.ReadinessFile;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes example (docker/kubernetes) is in step with the application: its variables name
 * known settings and load, the autoscaler watches the application's consumer group on the requests
 * topic with no more pods than partitions, the grace period outlasts the shutdown, and the probes
 * run the health check of the readiness file the application writes.
 */
class KubernetesExampleTest {

  private final Path root = RepositoryRoot.find();
  private final Path deployment = root.resolve("docker/kubernetes/deployment.yaml");
  private final Path scaledObject = root.resolve("docker/kubernetes/keda-scaledobject.yaml");

  @Test
  void shouldAgreeWithTheApplicationSettings() throws Exception {
    // Given the manifests as shipped, when they are checked, then nothing is reported
    assertEquals(List.of(), problems(Files.readString(deployment), Files.readString(scaledObject)));
  }

  @Test
  void shouldReportMoreReplicasThanPartitionsAndAWrongGroup() throws Exception {
    // Given a scaled object that allows more pods than partitions and watches another group
    String scaled =
        Files.readString(scaledObject)
            .replace("maxReplicaCount: 6", "maxReplicaCount: 12")
            .replace("consumerGroup: rela-translator", "consumerGroup: rela");

    // When it is checked, then both are reported
    List<String> problems = problems(Files.readString(deployment), scaled);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("consumerGroup"), problems.toString());
    assertTrue(problems.get(1).contains("maxReplicaCount"), problems.toString());
  }

  @Test
  void shouldReportAShortGracePeriodAMisspeltVariableAndAnotherProbe() throws Exception {
    // Given a deployment with a grace period shorter than the shutdown, a misspelt variable and a
    // probe that does not run the health check
    String broken =
        Files.readString(deployment)
            .replace("terminationGracePeriodSeconds: 90", "terminationGracePeriodSeconds: 30")
            .replace("RELA_BATCH_LINGER_MS:", "RELA_BATCH_LINGR_MS:")
            .replaceFirst("command: \\[\"rela-healthcheck\"]", "command: [\"true\"]");

    // When it is checked, then the three are reported
    List<String> problems = problems(broken, Files.readString(scaledObject));
    assertEquals(3, problems.size(), problems.toString());
  }

  /** What in the manifests disagrees with the application, one line each; empty when all agree. */
  private List<String> problems(String deploymentYaml, String scaledObjectYaml) throws IOException {
    KubernetesManifests manifests =
        KubernetesManifests.parse(List.of(deploymentYaml, scaledObjectYaml));
    JsonNode deployment = manifests.only("Deployment");
    JsonNode container = KubernetesManifests.container(deployment);
    Map<String, String> environment = new HashMap<>(imageEnvironment());
    environment.putAll(manifests.environment(container));
    List<String> problems = new ArrayList<>();

    Map<String, String> unknown = KnownSettings.unknownVariables(environment);
    if (!unknown.isEmpty()) {
      problems.add("unknown settings: " + unknown);
      environment.keySet().removeAll(unknown.keySet());
    }
    AppSettings settings = ConfigLoader.load(null, environment, Map.of());
    settings.streamsProperties();

    JsonNode scaled = manifests.only("ScaledObject");
    JsonNode trigger = scaled.path("spec").path("triggers").path(0);
    JsonNode kafka = trigger.path("metadata");
    String applicationId = (String) settings.kafka().get(StreamsConfig.APPLICATION_ID_CONFIG);
    check(problems, "kafka".equals(trigger.path("type").asText()), "the trigger is not kafka");
    check(
        problems,
        applicationId.equals(kafka.path("consumerGroup").asText()),
        "consumerGroup " + kafka.path("consumerGroup").asText() + " is not " + applicationId);
    String requests = settings.rela().getString(RelaStreamsConfig.REQUESTS_TOPIC);
    check(problems, requests.equals(kafka.path("topic").asText()), "topic is not " + requests);
    check(
        problems,
        settings.kafka().get("bootstrap.servers").equals(kafka.path("bootstrapServers").asText()),
        "bootstrapServers differ from the deployment's");
    int partitions = settings.rela().getInt(RelaStreamsConfig.TOPIC_PARTITIONS);
    int maxReplicas = scaled.path("spec").path("maxReplicaCount").asInt();
    check(
        problems,
        maxReplicas <= partitions,
        "maxReplicaCount " + maxReplicas + " exceeds the " + partitions + " partitions");
    String target = deployment.path("metadata").path("name").asText();
    check(
        problems,
        target.equals(scaled.path("spec").path("scaleTargetRef").path("name").asText()),
        "the scaled object does not target " + target);

    long grace =
        deployment
            .path("spec")
            .path("template")
            .path("spec")
            .path("terminationGracePeriodSeconds")
            .asLong();
    check(
        problems,
        grace > AppRunner.SHUTDOWN_WAIT.toSeconds(),
        "terminationGracePeriodSeconds "
            + grace
            + " <= the shutdown wait "
            + AppRunner.SHUTDOWN_WAIT);
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      JsonNode command = container.path(probe).path("exec").path("command");
      check(
          problems,
          command.size() == 1 && "rela-healthcheck".equals(command.get(0).asText()),
          probe + " does not run rela-healthcheck: " + command);
    }
    String healthcheck = Files.readString(root.resolve("docker/rela-healthcheck"));
    check(
        problems,
        healthcheck.contains("ready=/tmp/" + ReadinessFile.NAME + "\n"),
        "rela-healthcheck does not check /tmp/" + ReadinessFile.NAME);
    JsonNode resources = container.path("resources");
    check(
        problems,
        resources.path("requests").has("cpu") && resources.path("limits").has("memory"),
        "no cpu request or memory limit");
    return problems;
  }

  private static void check(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }

  private Map<String, String> imageEnvironment() throws IOException {
    return DockerfileInstructions.read(root.resolve("docker/Dockerfile")).environment();
  }
}
