package io.github.rela.streams.it;

import static io.github.rela.streams.testing.StreamsFixture.DEAD_LETTER;
import static io.github.rela.streams.testing.StreamsFixture.OUTPUTS;
import static io.github.rela.streams.testing.StreamsFixture.TOPICS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.registry.HttpSchemaRegistryClient;
import io.github.rela.schemas.registry.RegistryClientConfig;
import io.github.rela.schemas.registry.SchemaRegistryClient;
import io.github.rela.schemas.serde.WireFormat;
import io.github.rela.schemas.testing.ApicurioRegistry;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.metrics.TranslationTotals;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.StreamsFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Apicurio Registry stops for about 20 s in the middle of a stream of Avro requests and
 * starts again on the same port and storage (an H2 file, so its ids stay valid). Requests written
 * during the outage name schema ids the application has not seen yet, so it must ask the registry
 * for them: it waits instead of dead-lettering, and every request is translated exactly once
 * (read_committed). A bad record sent during the outage is the first dead letter, whose schema the
 * sink must register: it waits too, and ends as the one dead letter, for its own reason.
 */
class RegistryOutageIntegrationTest {

  private static final int VARIANTS = 8;
  private static final Duration OUTAGE = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void shouldWaitOutARegistryOutageWithoutDeadLetters() throws Exception {
    try (ApicurioRegistry registry = ApicurioRegistry.start(dir.resolve("registry"));
        StreamsFixture fixture = StreamsFixture.start(dir, 2, TOPICS);
        KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
      // Given writer schemas with distinct ids (the request schema with a distinct property each)
      int[] ids = registerVariants(registry);
      List<String> expected = new ArrayList<>(produce(producer, ids[0], 0, 60));

      try (StreamsApp app =
          StreamsApp.start(ConfigLoader.load(null, Map.of(), settings(fixture, registry)))) {
        fixture.awaitCommitted(OUTPUTS, 20, Duration.ofSeconds(90), () -> Apps.problem(app));

        // When the registry stops while requests with ids new to the application arrive
        long stopped = System.nanoTime();
        registry.stop();
        for (int variant = 1; variant < VARIANTS - 1; variant++) {
          expected.addAll(produce(producer, ids[variant], variant * 10, variant * 10 + 10));
        }
        String bad = StreamsFixture.send(producer, "bad-empty", new byte[0]);
        expected.add(bad);
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - millisSince(stopped) - 7_000));
        // (Apicurio takes about 7 s to start: about 20 s without a registry in all.)
        registry.restart();
        double outage = millisSince(stopped) / 1e3;
        expected.addAll(produce(producer, ids[VARIANTS - 1], 100, 130));

        // Then the application finishes the stream once the registry is back
        fixture.awaitCommitted(
            OUTPUTS, expected.size(), Duration.ofSeconds(120), () -> Apps.problem(app));
        double retries = TranslationTotals.retries(app.streams().metrics(), "registry-unavailable");
        System.out.printf(
            "Registry outage of %.1f s: %d outputs committed %.1f s after it began, %.0f retries%n",
            outage, expected.size(), millisSince(stopped) / 1e3, retries);
        assertTrue(retries > 0, "the outage never reached the application");

        // And every request is in the outputs exactly once; the one dead letter is the bad one
        OutputIds outputs =
            new OutputIds(registry.confluentApiUrl(), DEAD_LETTER)
                .count(fixture.readAllCommitted(OUTPUTS));
        assertEquals(Map.of(), outputs.notExactlyOnce(expected));
        assertEquals(Map.of(bad, ErrorCode.EMPTY_PAYLOAD), outputs.deadLetters);
      }
    }
  }

  /** Registers the request schema {@value #VARIANTS} times, each with its own property. */
  private static int[] registerVariants(ApicurioRegistry registry) {
    SchemaRegistryClient client =
        new HttpSchemaRegistryClient(RegistryClientConfig.of(registry.confluentApiUrl()));
    int[] ids = new int[VARIANTS];
    for (int i = 0; i < VARIANTS; i++) {
      Schema variant = new Schema.Parser().parse(TranslationRequest.getClassSchema().toString());
      variant.addProp("rela.test.variant", i);
      ids[i] = client.register("outage-variant-" + i, variant);
    }
    assertEquals(VARIANTS, new HashSet<>(List.of(box(ids))).size(), "distinct ids");
    return ids;
  }

  private Map<String, String> settings(StreamsFixture fixture, ApicurioRegistry registry) {
    Map<String, String> s =
        fixture.appSettings("registry-outage-it", registry.confluentApiUrl(), fixture.tinyModels());
    s.put("state.dir", dir.resolve("state").toString());
    s.put("rela.retry.backoff.max.ms", "1000");
    // Shorter than the outage: the broker aborts the transaction open while the thread waits.
    s.put("producer.transaction.timeout.ms", "10000");
    return s;
  }

  /**
   * Sends requests {@code from} to {@code to}, each as plain text and as Avro written with schema
   * {@code id}.
   */
  private static List<String> produce(
      KafkaProducer<byte[], byte[]> producer, int id, int from, int to) throws Exception {
    List<String> sent = new ArrayList<>();
    for (int i = from; i < to; i++) {
      // A plain-text request first, which needs no registry: its buffering opens a transaction
      // that stays open while the thread waits for the registry on the Avro one with the same key.
      byte[] text = StreamsFixture.sentence(i).getBytes(StandardCharsets.UTF_8);
      sent.add(StreamsFixture.send(producer, "r-" + i, text));
      TranslationRequest request =
          TranslationRequest.newBuilder().setId("").setText(StreamsFixture.sentence(i)).build();
      sent.add(StreamsFixture.send(producer, "r-" + i, avro(id, request)));
    }
    return sent;
  }

  /** Confluent's wire format: magic byte, schema id, Avro binary. */
  private static byte[] avro(int id, TranslationRequest request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(WireFormat.header(id));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(TranslationRequest.class).write(request, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static Integer[] box(int[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
  }
}
