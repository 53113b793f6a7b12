package io.github.rela.streams.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.rela.model.checkpoint.DefaultModel;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container files speak the application's language: docker/compose.yml is a valid compose file,
 * the image runs {@code rela run}, and every {@code RELA_*} variable given to the translator, by
 * the image or by the stack, names a setting that exists.
 */
class ComposeFileTest {

  private static final String TRANSLATOR = "translator";

  private final Path root = RepositoryRoot.find();
  private final Path compose = root.resolve("docker/compose.yml");
  private final Path dockerfile = root.resolve("docker/Dockerfile");

  @TempDir Path dir;

  @Test
  void shouldValidateWithDockerCompose() throws Exception {
    // Given docker-compose (installed by .ci/run; it validates without a Docker daemon)
    assumeTrue(
        onPath("docker-compose"),
        "docker-compose is not installed (apt-get install docker-compose); skipping validation");

    // When it reads the compose file
    Process process =
        new ProcessBuilder("docker-compose", "-f", compose.toString(), "config")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");

    // Then it accepts it, and the translator's resolved environment over the image's loads
    assertEquals(0, process.exitValue(), "docker-compose config failed:\n" + output);
    Map<String, String> environment = new HashMap<>(imageEnvironment());
    environment.putAll(ComposeFile.parse(output).environment(TRANSLATOR));
    AppSettings settings = ConfigLoader.load(null, environment, Map.of());
    assertEquals("kafka:9092", settings.kafka().get("bootstrap.servers"));
    settings.streamsProperties();
  }

  @Test
  void shouldNameOnlyKnownSettingsInTheTranslatorEnvironment() throws Exception {
    // Given the translator's environment in the compose file
    Map<String, String> environment = ComposeFile.read(compose).environment(TRANSLATOR);
    assertTrue(environment.containsKey("RELA_KAFKA_BOOTSTRAP_SERVERS"), environment.toString());
    assertTrue(environment.containsKey("RELA_KAFKA_SCHEMA_REGISTRY_URL"), environment.toString());

    // When its RELA_* variables are mapped to settings
    Map<String, String> unknown = KnownSettings.unknownVariables(environment);

    // Then each one names a setting of rela, of Kafka Streams and its clients, or of the serdes
    assertTrue(unknown.isEmpty(), "compose.yml names unknown settings: " + unknown);
  }

  @Test
  void shouldCreateTheTopicsTheTranslatorUses() throws Exception {
    // Given the command of the one-shot topics service
    String command = ComposeFile.read(compose).command("topics");

    // When the translator's default topics are looked for in it, then each one is created there
    RelaStreamsConfig defaults = new RelaStreamsConfig(Map.of());
    for (String topic :
        List.of(
            RelaStreamsConfig.REQUESTS_TOPIC,
            RelaStreamsConfig.RESULTS_TOPIC,
            RelaStreamsConfig.LOW_CONFIDENCE_TOPIC,
            RelaStreamsConfig.DEAD_LETTER_TOPIC)) {
      assertTrue(
          command.contains(defaults.getString(topic)),
          "the topics service does not create " + defaults.getString(topic) + ": " + command);
    }
  }

  @Test
  void shouldRunRelaRunInTheImage() throws Exception {
    // Given the Dockerfile
    DockerfileInstructions image = DockerfileInstructions.read(dockerfile);

    // When its entry point and command are put together
    List<String> command = image.command();

    // Then the container runs `rela run`, the command ./rela run documents
    assertEquals(List.of("rela", "run"), command);
  }

  @Test
  void shouldShipTheDefaultModelWhereTheImageLooksForIt() throws Exception {
    // Given the Dockerfile and the launcher it installs
    DockerfileInstructions image = DockerfileInstructions.read(dockerfile);
    String launcher = Files.readString(root.resolve("docker/rela"));

    // When the image copies models/ from the repository to /app/models, the launcher's rela.home
    assertTrue(
        image.contextCopies().contains("models/ /app/models/"), image.contextCopies().toString());
    assertTrue(launcher.contains("-Drela.home=/app "), launcher);

    // Then what it copies is one loadable default checkpoint
    Path checkpoint = DefaultModel.checkpointIn(root.resolve("models"));
    assertTrue(Files.isRegularFile(checkpoint.resolve("model.safetensors")), checkpoint.toString());
  }

  @Test
  void shouldNameOnlyKnownSettingsInTheImageEnvironment() throws Exception {
    // Given the environment the image sets
    Map<String, String> environment = imageEnvironment();
    assertTrue(environment.keySet().stream().anyMatch(v -> v.startsWith("RELA_")), "no RELA_*");

    // When its RELA_* variables are mapped to settings
    Map<String, String> unknown = KnownSettings.unknownVariables(environment);

    // Then each one names a known setting
    assertTrue(unknown.isEmpty(), "the Dockerfile names unknown settings: " + unknown);
  }

  @Test
  void shouldReportMisspeltVariablesInACopyOfTheComposeFile() throws Exception {
    // Given a copy of the compose file with a misspelt rela variable and a misspelt Kafka one
    String text = Files.readString(compose);
    assertTrue(text.contains("RELA_BATCH_LINGER_MS:"), "the copy needs the variable to misspell");
    Path broken = dir.resolve("compose.yml");
    Files.writeString(
        broken,
        text.replace("RELA_BATCH_LINGER_MS:", "RELA_BATCH_LINGR_MS:")
            .replace("RELA_KAFKA_BOOTSTRAP_SERVERS:", "RELA_KAFKA_BOOTSTRAP_SERVER:"));

    // When the translator's variables are checked
    Map<String, String> unknown =
        KnownSettings.unknownVariables(ComposeFile.read(broken).environment(TRANSLATOR));

    // Then exactly the two misspelt ones are reported, with the settings they would set
    assertEquals(
        Map.of(
            "RELA_BATCH_LINGR_MS", "rela.batch.lingr.ms",
            "RELA_KAFKA_BOOTSTRAP_SERVER", "bootstrap.server"),
        unknown);
  }

  @Test
  void shouldReportAMisspeltVariableInACopyOfTheDockerfile() throws Exception {
    // Given a copy of the Dockerfile whose state directory variable has a wrong name
    String text = Files.readString(dockerfile);
    assertTrue(text.contains("RELA_KAFKA_STATE_DIR="), "the copy needs the variable to misspell");
    String broken = text.replace("RELA_KAFKA_STATE_DIR=", "RELA_KAFKA_STATE_DIRECTORY=");

    // When the image's variables are checked
    Map<String, String> unknown =
        KnownSettings.unknownVariables(DockerfileInstructions.parse(broken).environment());

    // Then it is reported
    assertEquals(Map.of("RELA_KAFKA_STATE_DIRECTORY", "state.directory"), unknown);
  }

  @Test
  void shouldLeaveOtherVariablesAlone() {
    // Given variables that are not rela's and ones with Kafka Streams' client prefixes
    Map<String, String> environment =
        Map.of(
            "JAVA_OPTS", "-Xmx1g",
            "RELA_KAFKA_PRODUCER_LINGER_MS", "5",
            "RELA_KAFKA_MAIN_CONSUMER_MAX_POLL_RECORDS", "100",
            "RELA_KAFKA_TOPIC_SEGMENT_BYTES", "1048576",
            "RELA_KAFKA_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO");

    // When they are checked, then none is reported
    assertEquals(Map.of(), KnownSettings.unknownVariables(environment));
    // and a prefix on a setting its client does not have is
    assertFalse(KnownSettings.isKnown("producer.max.poll.records"));
  }

  private Map<String, String> imageEnvironment() throws IOException {
    return DockerfileInstructions.read(dockerfile).environment();
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
