package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.MockSchemaRegistry;
import io.github.rela.schemas.serde.DeadLetterDeserializer;
import io.github.rela.schemas.serde.RequestIds;
import io.github.rela.schemas.serde.Subjects;
import io.github.rela.schemas.serde.TranslationRequestSerializer;
import io.github.rela.schemas.serde.TranslationResultDeserializer;
import io.github.rela.streams.testing.StreamsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming guarantees on a real broker with a real (tiny) model: every request ends in exactly
 * one of the results, low-confidence and dead-letter topics, even when the application is killed in
 * the middle of its work and restarted; bad records are dead letters with their reason, and the
 * good records around them are translated.
 */
class ExactlyOnceIntegrationTest {

  private static final String REQUESTS = "translation-requests";
  private static final String RESULTS = "translation-results";
  private static final String LOW = "translation-low-confidence";
  private static final String DEAD = "translation-dead-letter";
  private static final String REGISTRY = "mock://exactly-once-it";
  private static final List<String> OUTPUTS = List.of(RESULTS, LOW, DEAD);
  private static final int GOOD = 240;

  @TempDir Path dir;

  @Test
  void shouldTranslateEveryRequestExactlyOnceAcrossACrash() throws Exception {
    try (StreamsFixture fixture =
        StreamsFixture.start(dir, 2, List.of(REQUESTS, RESULTS, LOW, DEAD))) {
      // Given a real model, the topics, and requests with bad records mixed in
      Path models = fixture.tinyModels();
      Map<String, ErrorCode> expectedDead = new HashMap<>();
      List<String> inputs = produceRequests(fixture, expectedDead);
      Map<String, String> settings = settings(fixture, models);

      // When the application is killed in the middle of its work and started again
      Path log = dir.resolve("app.log");
      AppProcess first = AppProcess.start(withStateDir(settings, "state-1"), log);
      awaitOutputs(fixture, 40, Duration.ofSeconds(180), first);
      first.kill();
      int beforeRestart = fixture.readAllCommitted(OUTPUTS).size();
      assertTrue(beforeRestart < inputs.size(), "killed after it had finished: " + beforeRestart);
      try (AppProcess second = AppProcess.start(withStateDir(settings, "state-2"), log)) {
        awaitOutputs(fixture, inputs.size(), Duration.ofSeconds(240), second);
      }

      // Then every input is in exactly one output topic, once, read_committed. (The app's
      // in-memory registry lives in its JVM; ids are schema fingerprints, the same here.)
      var registry = MockSchemaRegistry.forScope(REGISTRY.substring("mock://".length()));
      registry.register(Subjects.of(RESULTS, false), TranslationResult.getClassSchema());
      registry.register(Subjects.of(LOW, false), TranslationResult.getClassSchema());
      registry.register(Subjects.of(DEAD, false), DeadLetter.getClassSchema());
      Map<String, Integer> seen = new TreeMap<>();
      Map<String, ErrorCode> dead = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : fixture.readAllCommitted(OUTPUTS)) {
        String id = idOf(record, dead);
        seen.merge(id, 1, Integer::sum);
      }
      assertEquals(inputs.size(), seen.size(), () -> "distinct ids; app log:\n" + tail(log));
      for (String id : inputs) {
        assertEquals(1, seen.getOrDefault(id, 0), "outputs for " + id);
      }
      // And each bad record is a dead letter with the right reason
      assertEquals(expectedDead, dead);
    }
  }

  private Map<String, String> settings(StreamsFixture fixture, Path models) {
    Map<String, String> s = fixture.appSettings("exactly-once-it", REGISTRY, models);
    s.put("rela.input.max.chars", "120");
    return s;
  }

  private Map<String, String> withStateDir(Map<String, String> settings, String name) {
    Map<String, String> s = new TreeMap<>(settings);
    s.put("state.dir", dir.resolve(name).toString());
    return s;
  }

  /** Sends the good and bad requests; returns every input's id (topic-partition@offset). */
  private List<String> produceRequests(StreamsFixture fixture, Map<String, ErrorCode> expectedDead)
      throws Exception {
    TranslationRequestSerializer avro = new TranslationRequestSerializer();
    avro.configure(Map.of("schema.registry.url", REGISTRY), false);
    Map<String, byte[]> bad = new TreeMap<>();
    Map<String, ErrorCode> badReasons = new HashMap<>();
    bad.put("bad-empty", new byte[0]);
    badReasons.put("bad-empty", ErrorCode.EMPTY_PAYLOAD);
    bad.put("bad-utf8", new byte[] {'H', 'a', (byte) 0xC3, (byte) 0x28});
    badReasons.put("bad-utf8", ErrorCode.INVALID_UTF8);
    bad.put("bad-avro", new byte[] {0, 0, 0, 0, 1, (byte) 0xFF});
    badReasons.put("bad-avro", ErrorCode.UNKNOWN_SCHEMA_ID);
    bad.put("bad-long", "ein mann ".repeat(20).getBytes(StandardCharsets.UTF_8));
    badReasons.put("bad-long", ErrorCode.TEXT_TOO_LONG);
    bad.put(
        "bad-pair",
        avro.serialize(
            REQUESTS,
            TranslationRequest.newBuilder()
                .setId("fr-en-1")
                .setText("bonjour")
                .setSourceLanguage("fr")
                .setTargetLanguage("en")
                .build()));
    badReasons.put("bad-pair", ErrorCode.UNSUPPORTED_LANGUAGE_PAIR);

    List<String> ids = new ArrayList<>();
    List<String> badKeys = new ArrayList<>(bad.keySet());
    try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
      for (int i = 0; i < GOOD; i++) {
        if (i % 40 == 20 && !badKeys.isEmpty()) {
          String key = badKeys.remove(0);
          String id = StreamsFixture.send(producer, key, bad.get(key));
          ids.add(id);
          expectedDead.put(id, badReasons.get(key));
        }
        byte[] text = StreamsFixture.sentence(i).getBytes(StandardCharsets.UTF_8);
        ids.add(StreamsFixture.send(producer, "good-" + i, text));
      }
    }
    return ids;
  }

  /** Waits until at least {@code count} committed outputs exist, failing if the app dies. */
  private void awaitOutputs(StreamsFixture fixture, int count, Duration timeout, AppProcess app) {
    fixture.awaitCommitted(
        OUTPUTS,
        count,
        timeout,
        () -> app.isAlive() ? null : "the application died:\n" + tail(dir.resolve("app.log")));
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.substring(Math.max(0, text.length() - 4000));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static String idOf(ConsumerRecord<byte[], byte[]> record, Map<String, ErrorCode> dead) {
    Map<String, Object> registry = Map.of("schema.registry.url", REGISTRY);
    if (record.topic().equals(DEAD)) {
      DeadLetterDeserializer deserializer = new DeadLetterDeserializer();
      deserializer.configure(registry, false);
      DeadLetter letter = deserializer.deserialize(DEAD, record.value());
      String id =
          RequestIds.fromCoordinates(letter.getTopic(), letter.getPartition(), letter.getOffset());
      dead.put(id, letter.getErrorCode());
      return id;
    }
    TranslationResultDeserializer deserializer = new TranslationResultDeserializer();
    deserializer.configure(registry, false);
    TranslationResult result = deserializer.deserialize(record.topic(), record.value());
    return result.getRequestId();
  }
}
