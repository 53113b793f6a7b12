package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.SpecificAvroDeserializer;
import io.github.rela.streams.local.LocalEndpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rela run} (in another JVM) translates a request and dead-letters a bad one; readers that
 * know nothing of rela then read the results, the low-confidence results and the dead letter
 * through the registry the app wrote to: Java (the README's recipe, over HTTP), Confluent's
 * JavaScript client with kafkajs, and Python's confluent-kafka with python3-avro. Every field of
 * every record reads the same in all three. Subclasses say where the broker and registry are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThirdPartyReaders {

  private static final String REQUESTS = "translation-requests";
  private static final String RESULTS = "translation-results";
  private static final String LOW = "translation-low-confidence";
  private static final String DEAD = "translation-dead-letter";
  private static final List<String> OUTPUTS = List.of(RESULTS, LOW, DEAD);
  private static final String SENTENCE = "Ein Mann fährt Fahrrad.";
  private static final byte[] NOT_UTF8 = {'H', 'a', (byte) 0xC3, (byte) 0x28};
  private static final byte[] TRACE = {1, 2, 3};
  private static final Duration POLL = Duration.ofMillis(500);

  @TempDir static Path dir;
  private AppProcess app;
  private LocalEndpoints endpoints;

  /** What the Java recipe read, by {@code topic@offset}. */
  private Map<String, JsonNode> javaRead;

  /** Starts what the app is to use besides itself; returns the app's settings for it. */
  abstract Map<String, String> services() throws Exception;

  /** Where readers find the broker and registry, once {@code app} has started. */
  abstract LocalEndpoints endpoints(AppProcess app) throws Exception;

  /** Stops what {@link #services()} started. */
  abstract void stopServices() throws Exception;

  @BeforeAll
  void startTheAppAndProduce() throws Exception {
    Map<String, String> settings = new TreeMap<>(services());
    settings.put("rela.models.dir", ReaderScript.ROOT.resolve("models").toString());
    // Every result is low-confidence and goes to both result topics.
    settings.put("rela.low.confidence.null.rate", "0");
    settings.put("rela.low.confidence.routing", "both");
    settings.put("rela.topic.partitions", "1");
    settings.put("commit.interval.ms", "100");
    app = AppProcess.start(settings, dir.resolve("app.log"));
    endpoints = endpoints(app);
    produce();
    javaRead = readWithJava(endpoints.bootstrapServers(), endpoints.registryUrl());
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    stopServices();
  }

  @Test
  void shouldLetJavaReadEveryFieldThroughTheServedRegistry() {
    JsonNode result = javaRead.get(RESULTS + "@0");
    JsonNode dead = javaRead.get(DEAD + "@0");

    assertEquals(result, javaRead.get(LOW + "@0"));
    assertEquals(REQUESTS + "-0@0", result.get("requestId").asText());
    assertEquals(SENTENCE, result.get("sourceText").asText());
    assertFalse(result.get("translation").asText().isBlank());
    assertTrue(result.get("lowConfidence").asBoolean());
    assertTrue(result.get("alignment").size() > 0);
    assertEquals(REQUESTS, dead.get("topic").asText());
    assertEquals(1, dead.get("offset").asLong());
    assertEquals(base64("bad".getBytes(StandardCharsets.UTF_8)), dead.get("key").asText());
    assertEquals(base64(NOT_UTF8), dead.get("value").asText());
    assertEquals("INVALID_UTF8", dead.get("errorCode").asText());
    assertEquals(base64(TRACE), dead.get("headers").get(0).get("value").asText());
  }

  @Test
  void shouldLetConfluentsJavaScriptClientReadEveryField() throws Exception {
    Optional<ReaderScript> node = ReaderScript.node();
    assumeTrue(
        node.isPresent(),
        "node or its packages are missing: run 'npm ci' in " + ReaderScript.NODE_DIR);
    assertReadsTheSame(node.get());
  }

  @Test
  void shouldLetPythonsConfluentKafkaAndAvroReadEveryField() throws Exception {
    Optional<ReaderScript> python = ReaderScript.python();
    assumeTrue(
        python.isPresent(),
        "no python3 with confluent_kafka and avro: apt-get install python3-confluent-kafka"
            + " python3-avro python3-requests");
    assertReadsTheSame(python.get());
  }

  private void assertReadsTheSame(ReaderScript reader) throws Exception {
    List<JsonNode> records =
        reader.read(endpoints.bootstrapServers(), endpoints.registryUrl(), OUTPUTS, 3);

    assertEquals(3, records.size(), records::toString);
    for (JsonNode record : records) {
      String where = record.get("topic").asText() + "@" + record.get("offset").asLong();
      JsonNode expected = javaRead.get(where);
      assertTrue(
          expected != null && expected.equals(AvroJson.SAME_VALUE, record.get("value")),
          () -> where + ": Java read\n" + expected + "\n" + reader.command() + " read\n" + record);
    }
    assertEquals(
        List.of("bad", "ok", "ok"),
        records.stream().map(r -> r.get("key").asText()).sorted().toList());
  }

  /** A plain-text request and one that is not UTF-8 (a dead letter), with a header each. */
  private void produce() throws Exception {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            endpoints.bootstrapServers(),
            "key.serializer",
            ByteArraySerializer.class,
            "value.serializer",
            ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      send(producer, "ok", SENTENCE.getBytes(StandardCharsets.UTF_8));
      send(producer, "bad", NOT_UTF8);
    }
  }

  private void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value)
      throws Exception {
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", TRACE);
    producer
        .send(
            new ProducerRecord<>(
                REQUESTS, null, key.getBytes(StandardCharsets.UTF_8), value, headers))
        .get();
  }

  /** The README's Java recipe: the values are TranslationResult or DeadLetter by their schema. */
  private Map<String, JsonNode> readWithJava(String bootstrap, String registry) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("group.id", "my-reader");
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", SpecificAvroDeserializer.class.getName());
    config.put("schema.registry.url", registry);
    Map<String, JsonNode> read = new TreeMap<>();
    try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(OUTPUTS);
      long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      while (read.size() < 3 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(POLL)) {
          if (record.value() instanceof TranslationResult result) {
            read.put(record.topic() + "@" + record.offset(), AvroJson.of(result));
          } else if (record.value() instanceof DeadLetter letter) {
            read.put(record.topic() + "@" + record.offset(), AvroJson.of(letter));
          }
        }
      }
    }
    assertEquals(3, read.size(), () -> "records read: " + read.keySet() + "; app log:\n" + log());
    return read;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The app's output so far. */
  String log() {
    try {
      return Files.readString(dir.resolve("app.log"));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
