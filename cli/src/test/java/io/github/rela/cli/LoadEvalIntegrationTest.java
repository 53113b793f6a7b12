package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.serde.TranslationRequestDeserializer;
import io.github.rela.streams.local.FreePorts;
import io.github.rela.streams.testing.StreamsFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadEvalIntegrationTest {

  private static final String REGISTRY = "mock://load-eval-it";

  @TempDir Path dir;

  @Test
  void shouldLoadEveryPairWithItsReferenceUnderStableIds() throws Exception {
    // Given a parallel set of 20 pairs and a broker
    Path src = dir.resolve("dev.de");
    Path ref = dir.resolve("dev.en");
    Files.write(src, IntStream.rangeClosed(1, 20).mapToObj(i -> "Satz " + i).toList());
    Files.write(ref, IntStream.rangeClosed(1, 20).mapToObj(i -> "sentence " + i).toList());
    try (StreamsFixture broker = StreamsFixture.start(dir, 1, List.of("eval"))) {

      // When it is loaded twice
      for (int i = 0; i < 2; i++) {
        StringWriter out = new StringWriter();
        int code = loadEval(out, new StringWriter(), src, ref, "eval", broker.bootstrapServers());
        assertEquals(0, code);
        assertEquals(
            "Loaded 20 requests of dev into eval at " + broker.bootstrapServers(),
            out.toString().strip());
      }

      // Then the topic holds each pair twice, keyed and identified by set and line
      List<TranslationRequest> requests = readAll(broker);
      assertEquals(40, requests.size());
      TranslationRequest first = requests.get(0);
      assertEquals("dev-000001", first.getId());
      assertEquals("Satz 1", first.getText());
      assertEquals("sentence 1", first.getReference());
      assertEquals("de", first.getSourceLanguage());
      assertEquals("en", first.getTargetLanguage());
      assertEquals("1", first.getMetadata().get("line"));
      assertEquals(requests.get(20).getId(), first.getId());
      assertEquals("dev-000020", requests.get(39).getId());
    }
  }

  @Test
  void shouldCreateAMissingTopicAsTheAppCreatesItsOwn() throws Exception {
    Path src = dir.resolve("new.de");
    Path ref = dir.resolve("new.en");
    Files.write(src, List.of("Satz 1", "Satz 2"));
    Files.write(ref, List.of("sentence 1", "sentence 2"));
    try (StreamsFixture broker = StreamsFixture.start(dir, 1, List.of())) {
      StringWriter out = new StringWriter();
      int code = loadEval(out, new StringWriter(), src, ref, "eval-new", broker.bootstrapServers());

      assertEquals(0, code);
      assertEquals(
          "Created topic eval-new (4 partitions)%nLoaded 2 requests of new into eval-new at %s"
              .formatted(broker.bootstrapServers()),
          out.toString().strip());
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        TopicDescription topic =
            admin.describeTopics(List.of("eval-new")).allTopicNames().get().get("eval-new");
        assertEquals(4, topic.partitions().size());
        assertEquals(1, topic.partitions().get(0).replicas().size());
      }
    }
  }

  @Test
  void shouldFailWithinSecondsNamingTheAddressWhenNoBrokerAnswers() throws Exception {
    Path src = dir.resolve("dev.de");
    Path ref = dir.resolve("dev.en");
    Files.write(src, List.of("Satz 1"));
    Files.write(ref, List.of("sentence 1"));
    String nobody = "127.0.0.1:" + FreePorts.pick();
    StringWriter err = new StringWriter();

    long start = System.nanoTime();
    int code = loadEval(new StringWriter(), err, src, ref, "eval", nobody);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertNotEquals(0, code);
    assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
    assertTrue(err.toString().contains("No Kafka broker answered at " + nobody), err.toString());
  }

  private static int loadEval(
      StringWriter out, StringWriter err, Path src, Path ref, String topic, String bootstrap) {
    CommandLine cli = Rela.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(
        "load-eval",
        "--src",
        src.toString(),
        "--ref",
        ref.toString(),
        "--topic",
        topic,
        "--bootstrap-servers",
        bootstrap,
        "--schema-registry-url",
        REGISTRY);
  }

  private static List<TranslationRequest> readAll(StreamsFixture broker) {
    TranslationRequestDeserializer values = new TranslationRequestDeserializer();
    values.configure(Map.of("schema.registry.url", REGISTRY), false);
    List<TranslationRequest> requests = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = broker.readCommitted(List.of("eval"))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (requests.size() < 40 && System.nanoTime() < deadline) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                r -> {
                  TranslationRequest request = values.deserialize(r.topic(), r.value());
                  assertEquals(new String(r.key(), StandardCharsets.UTF_8), request.getId());
                  requests.add(request);
                });
      }
    }
    return requests;
  }
}
