package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.StreamsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application under the streams rebalance protocol ({@code group.protocol=streams}, KIP-1071)
 * on the in-JVM broker, which enables it by default in Kafka 4.3: the same requests give the same
 * translations, once each, as under the classic protocol, and the broker sees a streams group.
 */
class StreamsProtocolIntegrationTest {

  private static final String REQUESTS = "translation-requests";
  private static final String REGISTRY = "mock://streams-protocol-it";
  private static final int COUNT = 30;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void shouldTranslateUnderTheStreamsProtocolAsUnderTheClassicOne() throws Exception {
    // Given requests on a broker, and one set of output topics per protocol
    List<String> topics = new java.util.ArrayList<>(List.of(REQUESTS));
    for (String protocol : List.of("classic", "streams")) {
      topics.addAll(outputs(protocol));
    }
    try (StreamsFixture fixture = StreamsFixture.start(dir, 2, topics)) {
      Path models = fixture.tinyModels();
      produce(fixture);

      // When the application translates them under each protocol
      Map<String, String> classic = translate(fixture, models, "classic");
      Map<String, String> streams = translate(fixture, models, "streams");

      // Then every request has one result under each, and the translations are the same
      assertEquals(COUNT, classic.size(), "results under the classic protocol");
      assertEquals(classic, streams);
    }
  }

  /** Runs the app under {@code protocol} until every request is translated; id to translation. */
  private Map<String, String> translate(StreamsFixture fixture, Path models, String protocol)
      throws Exception {
    List<String> outputs = outputs(protocol);
    String applicationId = "protocol-it-" + protocol;
    Map<String, String> s = new TreeMap<>();
    s.put("bootstrap.servers", fixture.bootstrapServers());
    s.put("application.id", applicationId);
    s.put("group.protocol", protocol);
    s.put("schema.registry.url", REGISTRY);
    s.put("state.dir", dir.resolve("state-" + protocol).toString());
    s.put("commit.interval.ms", "200");
    s.put("rela.models.dir", models.toString());
    s.put("rela.topic.results", outputs.get(0));
    s.put("rela.topic.low.confidence", outputs.get(1));
    s.put("rela.topic.dead.letter", outputs.get(2));
    s.put("rela.batch.size", "8");
    s.put("rela.batch.linger.ms", "100");
    s.put("rela.decode.beam.size", "2");
    try (StreamsApp app = StreamsApp.start(ConfigLoader.load(null, Map.of(), s))) {
      app.awaitRunning(TIMEOUT);
      fixture.awaitCommitted(outputs, COUNT, TIMEOUT, () -> null);
      assertEquals(
          Optional.of(GroupType.parse(protocol)), groupType(fixture, applicationId), "group type");
    }
    Map<String, String> translations = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : fixture.readAllCommitted(outputs)) {
      assertEquals(
          outputs.subList(0, 2).contains(record.topic()), true, "a result, not a dead letter");
      TranslationResult result = StreamsFixture.result(record, REGISTRY);
      String previous =
          translations.put(result.getRequestId().toString(), result.getTranslation().toString());
      assertEquals(null, previous, "a second result for " + result.getRequestId());
    }
    return translations;
  }

  private static List<String> outputs(String protocol) {
    return List.of("results-" + protocol, "low-confidence-" + protocol, "dead-letter-" + protocol);
  }

  private static Optional<GroupType> groupType(StreamsFixture fixture, String group)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers()))) {
      return admin.listGroups().all().get().stream()
          .filter(g -> g.groupId().equals(group))
          .findFirst()
          .flatMap(GroupListing::type);
    }
  }

  private static void produce(StreamsFixture fixture) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
      for (int i = 0; i < COUNT; i++) {
        String text = "ein mann " + (i % 3 == 0 ? "läuft im park" : "spielt mit dem hund " + i);
        producer
            .send(
                new ProducerRecord<>(
                    REQUESTS,
                    ("k-" + i).getBytes(StandardCharsets.UTF_8),
                    text.getBytes(StandardCharsets.UTF_8)))
            .get();
      }
    }
  }
}
