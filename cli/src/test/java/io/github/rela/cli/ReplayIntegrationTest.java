package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.local.LocalMode;
import io.github.rela.streams.replay.EvalSetLoader;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.StreamsFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Replaying an evaluation topic: repeatable, range-exact, and invisible to consumer groups. */
class ReplayIntegrationTest {

  private static final String REGISTRY = "mock://replay-it";
  private static final String TOPIC = "eval";

  @TempDir Path dir;

  @Test
  void shouldReplayRepeatablyExactlyTheRangeWithoutMovingGroupOffsets() throws Exception {
    try (StreamsFixture broker = StreamsFixture.start(dir, 2, List.of(TOPIC))) {
      // Given 200 pairs, then 30 more after a known time, and a production group at offset 10
      Path models = broker.tinyModels();
      Map<String, Object> settings =
          Map.of("bootstrap.servers", broker.bootstrapServers(), "schema.registry.url", REGISTRY);
      EvalSetLoader loader = new EvalSetLoader(settings);
      loader.load(pairs("early", 200)[0], pairs("early", 200)[1], "early", "de", "en", TOPIC);
      Thread.sleep(50);
      Instant between = Instant.now();
      Thread.sleep(50);
      loader.load(pairs("late", 30)[0], pairs("late", 30)[1], "late", "de", "en", TOPIC);
      Map<TopicPartition, OffsetAndMetadata> production = commitProductionOffsets(broker);

      // When the topic is replayed twice from the beginning, from the time, and for a range
      JsonNode first = replay(broker, models, "all-1", "--from-beginning");
      JsonNode second = replay(broker, models, "all-2", "--from-beginning");
      JsonNode late = replay(broker, models, "late", "--from-timestamp", between.toString());
      JsonNode range = replay(broker, models, "range", "--offsets", "0:5-14");

      // Then both full replays report the same, every figure but the speed
      assertEquals(230, first.get("sentences").asInt());
      ((ObjectNode) first).remove("speed");
      ((ObjectNode) second).remove("speed");
      assertEquals(first, second);
      assertTrue(Files.exists(dir.resolve("all-1/null-rate-histogram.png")));
      assertTrue(Files.exists(dir.resolve("all-1/worst-1-attention.png")));
      // And the timestamp replay covers exactly the later records
      Set<String> lateIds = ids(late);
      assertEquals(30, lateIds.size());
      assertTrue(lateIds.stream().allMatch(id -> id.startsWith("late-")), lateIds.toString());
      // And the offset replay exactly offsets 5 to 14 of partition 0
      List<Long> offsets = new ArrayList<>();
      range.get("details").forEach(d -> offsets.add(d.get("offset").asLong()));
      assertEquals(LongRange.of(5, 14), offsets);
      range.get("details").forEach(d -> assertEquals(0, d.get("partition").asInt()));
      // And scoring the streaming app's own results of the same requests gives the same BLEU
      try (LocalMode local = LocalMode.prepare(appSettings(broker, models));
          StreamsApp app = StreamsApp.start(local.settings())) {
        app.awaitRunning(Duration.ofSeconds(60));
        awaitResults(broker, 230);
      }
      JsonNode joined =
          replay(
              broker,
              models,
              "joined",
              "--from-beginning",
              "--results-topic",
              "translation-results,translation-low-confidence");
      assertEquals(230, joined.get("sentences").asInt());
      assertEquals(first.get("bleu").asDouble(), joined.get("bleu").asDouble(), 1e-9);
      // And the production group's committed offsets did not move
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        assertEquals(
            production,
            admin.listConsumerGroupOffsets("production").partitionsToOffsetAndMetadata().get());
      }
    }
  }

  private AppSettings appSettings(StreamsFixture broker, Path models) {
    return ConfigLoader.load(
        null,
        Map.of(),
        Map.of(
            "bootstrap.servers",
            broker.bootstrapServers(),
            "application.id",
            "replay-it-app",
            "schema.registry.url",
            REGISTRY,
            "state.dir",
            dir.resolve("state").toString(),
            "rela.topic.requests",
            TOPIC,
            "rela.models.dir",
            models.toString(),
            "rela.decode.beam.size",
            "1"));
  }

  private static void awaitResults(StreamsFixture broker, int count) {
    broker.awaitCommitted(
        List.of("translation-results", "translation-low-confidence"),
        count,
        Duration.ofSeconds(120),
        () -> null);
  }

  /** Writes {@code count} aligned toy pairs; returns [source, reference]. */
  private Path[] pairs(String name, int count) throws Exception {
    Path src = dir.resolve(name + ".de");
    Path ref = dir.resolve(name + ".en");
    String[] de = {
      "ein hund", "eine katze", "ein mann im park", "die kinder spielen", "ein rotes auto"
    };
    String[] en = {"a dog", "a cat", "a man in the park", "the children play", "a red car"};
    Files.write(src, IntStream.range(0, count).mapToObj(i -> de[i % de.length]).toList());
    Files.write(ref, IntStream.range(0, count).mapToObj(i -> en[i % en.length]).toList());
    return new Path[] {src, ref};
  }

  private Map<TopicPartition, OffsetAndMetadata> commitProductionOffsets(StreamsFixture broker) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "production",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          Map.of(
              new TopicPartition(TOPIC, 0), new OffsetAndMetadata(10),
              new TopicPartition(TOPIC, 1), new OffsetAndMetadata(3));
      consumer.commitSync(offsets, Duration.ofSeconds(30));
      return offsets;
    }
  }

  private JsonNode replay(StreamsFixture broker, Path models, String out, String... range)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replay",
                "--topic",
                TOPIC,
                "--model",
                models.resolve("de-en").toString(),
                "--out",
                dir.resolve(out).toString(),
                "--beam",
                "1",
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--schema-registry-url",
                REGISTRY));
    args.addAll(List.of(range));
    StringWriter text = new StringWriter();
    CommandLine cli = Rela.commandLine();
    cli.setOut(new PrintWriter(text, true));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    assertEquals(0, cli.execute(args.toArray(String[]::new)), err.toString());
    return new ObjectMapper().readTree(dir.resolve(out).resolve("report.json").toFile());
  }

  private static Set<String> ids(JsonNode report) {
    Set<String> ids = new TreeSet<>();
    report.get("details").forEach(d -> ids.add(d.get("id").asText()));
    return ids;
  }

  /** Offsets first..last as a list. */
  private static final class LongRange {
    static List<Long> of(long first, long last) {
      List<Long> values = new ArrayList<>();
      for (long v = first; v <= last; v++) {
        values.add(v);
      }
      return values;
    }
  }
}
