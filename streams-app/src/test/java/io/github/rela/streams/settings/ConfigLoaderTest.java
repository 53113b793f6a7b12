package io.github.rela.streams.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void shouldStartFromExactlyOnceDefaults() {
    AppSettings settings = ConfigLoader.load(null, Map.of(), Map.of());

    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, settings.kafka().get("processing.guarantee"));
    assertEquals("rela-translator", settings.kafka().get("application.id"));
    assertEquals(32, settings.rela().getInt(RelaStreamsConfig.BATCH_SIZE));
    assertFalse(settings.hasBootstrapServers());
  }

  @Test
  void shouldRunOneStreamThreadPerCoreEachWithOneEngineThread() {
    int cores = Runtime.getRuntime().availableProcessors();

    AppSettings defaults = ConfigLoader.load(null, Map.of(), Map.of());

    assertEquals(cores, defaults.streamThreads());
    // several threads get one engine thread each; a single core leaves one thread with one
    assertEquals(1, defaults.decodeThreads());
    assertEquals(1, StreamsDefaults.streamThreads(1));
    assertEquals(2, StreamsDefaults.streamThreads(2));
    assertEquals(16, StreamsDefaults.streamThreads(16));
  }

  @Test
  void shouldTakeTheStreamThreadsFromTheStandardKeyInEveryLayer() throws Exception {
    Path file = dir.resolve("rela.properties");
    Files.writeString(file, "num.stream.threads=3\n");

    AppSettings fromFile = ConfigLoader.load(file, Map.of(), Map.of());
    AppSettings fromEnvironment =
        ConfigLoader.load(file, Map.of("RELA_KAFKA_NUM_STREAM_THREADS", "5"), Map.of());
    AppSettings fromFlag =
        ConfigLoader.load(
            file,
            Map.of("RELA_KAFKA_NUM_STREAM_THREADS", "5"),
            Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "6"));

    assertEquals(3, fromFile.streamThreads());
    assertEquals(5, fromEnvironment.streamThreads());
    assertEquals(6, fromFlag.streamThreads());
    assertEquals(1, fromFlag.decodeThreads());
  }

  @Test
  void shouldGiveEachOfSeveralStreamThreadsOneEngineThreadAndOneThreadTheCoresButOne() {
    assertEquals(1, AppSettings.decodeThreads(0, 2, 2));
    assertEquals(1, AppSettings.decodeThreads(0, 8, 8));
    assertEquals(1, AppSettings.decodeThreads(0, 1, 2));
    assertEquals(7, AppSettings.decodeThreads(0, 1, 8));
    assertEquals(1, AppSettings.decodeThreads(0, 1, 1));
  }

  @Test
  void shouldDecodeWithTheConfiguredEngineThreadsWhenSet() {
    Map<String, String> one =
        Map.of(RelaStreamsConfig.DECODE_THREADS, "3", StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    Map<String, String> four =
        Map.of(RelaStreamsConfig.DECODE_THREADS, "3", StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4");

    assertEquals(3, ConfigLoader.load(null, Map.of(), one).decodeThreads());
    assertEquals(3, ConfigLoader.load(null, Map.of(), four).decodeThreads());
    assertEquals(
        Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
        ConfigLoader.load(null, Map.of(), Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1"))
            .decodeThreads());
  }

  @Test
  void shouldLayerFileThenEnvironmentThenFlags() throws Exception {
    // Given a file, the environment and a flag that each set some of the same keys
    Path file = dir.resolve("rela.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "rela.batch.size=8",
            "rela.batch.linger.ms=20",
            "rela.decode.beam.size=2",
            "processing.guarantee=at_least_once",
            "security.protocol=SASL_SSL"));
    Map<String, String> env =
        Map.of(
            "RELA_BATCH_LINGER_MS", "30",
            "RELA_DECODE_BEAM_SIZE", "3",
            "RELA_KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
            "PATH", "/usr/bin");
    Map<String, String> flags = Map.of("rela.decode.beam.size", "5");

    // When they are loaded
    AppSettings settings = ConfigLoader.load(file, env, flags);

    // Then each key takes the value of the last layer that sets it
    assertEquals(8, settings.rela().getInt(RelaStreamsConfig.BATCH_SIZE));
    assertEquals(30L, settings.rela().getLong(RelaStreamsConfig.BATCH_LINGER_MS));
    assertEquals(5, settings.rela().getInt(RelaStreamsConfig.BEAM_SIZE));
    assertEquals("at_least_once", settings.kafka().get("processing.guarantee"));
    assertEquals("SASL_SSL", settings.kafka().get("security.protocol"));
    assertEquals("broker:9092", settings.kafka().get("bootstrap.servers"));
    assertTrue(settings.hasBootstrapServers());
    assertFalse(settings.kafka().containsKey("path"));
  }

  @Test
  void shouldMapEnvironmentNamesLikeConfluentImages() {
    assertEquals("sasl.jaas.config", ConfigLoader.toSettingName("SASL_JAAS_CONFIG"));
    assertEquals("a_b.c-d", ConfigLoader.toSettingName("A__B_C___D"));
    assertEquals(
        "RELA_KAFKA_SASL_JAAS_CONFIG", ConfigLoader.environmentVariable("sasl.jaas.config"));
    assertEquals(
        "RELA_LOW_CONFIDENCE_NULL_RATE",
        ConfigLoader.environmentVariable(RelaStreamsConfig.NULL_RATE_THRESHOLD));
    for (String key : RelaStreamsConfig.DEFINITION.names()) {
      String variable = ConfigLoader.environmentVariable(key);
      assertEquals(Map.of(key, "x"), ConfigLoader.fromEnvironment(Map.of(variable, "x")), variable);
    }
  }

  @Test
  void shouldNameTheSettingThatIsInvalid() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(null, Map.of("RELA_BATCH_SIZE", "0"), Map.of()));

    assertTrue(error.getMessage().contains("rela.batch.size"), error.getMessage());
  }

  @Test
  void shouldRefuseUnknownRelaSettings() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(null, Map.of(), Map.of("rela.batch.sise", "8")));

    assertTrue(error.getMessage().contains("rela.batch.sise"), error.getMessage());
  }

  @Test
  void shouldValidateKafkaSettingsWhenBuildingStreamsProperties() {
    AppSettings settings =
        ConfigLoader.load(null, Map.of(), Map.of("processing.guarantee", "twice"))
            .withBootstrapServers("127.0.0.1:9092");

    ConfigException error = assertThrows(ConfigException.class, settings::streamsProperties);
    assertTrue(error.getMessage().contains("processing.guarantee"), error.getMessage());
  }

  @Test
  void shouldPassKafkaSettingsThroughToStreams() {
    Properties properties =
        ConfigLoader.load(null, Map.of("RELA_KAFKA_SASL_MECHANISM", "PLAIN"), Map.of())
            .withBootstrapServers("127.0.0.1:9092")
            .streamsProperties();

    assertEquals("PLAIN", properties.get("sasl.mechanism"));
    assertEquals("127.0.0.1:9092", properties.get("bootstrap.servers"));
  }
}
