package io.github.rela.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.MockSchemaRegistry;
import io.github.rela.schemas.serde.TranslationRequestDeserializer;
import io.github.rela.schemas.serde.TranslationRequestSerde;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.metrics.TranslationTotals;
import io.github.rela.streams.retry.RetryLimitExceededException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transient faults wait and retry, permanent ones are dead letters: a registry that cannot be
 * reached, an engine out of memory, a fault that outlasts {@code rela.retry.max.ms}.
 */
class TransientFaultTopologyTest {

  private final FakeTranslator model = new FakeTranslator(new LanguagePair("de", "en"));
  private final String scope = "transient-fault-test-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private final FlakyRegistry registry = new FlakyRegistry(MockSchemaRegistry.forScope(scope), 0);
  private TopologyHarness topology;
  private TestInputTopic<byte[], byte[]> requests;
  private TestOutputTopic<byte[], TranslationResult> results;
  private TestOutputTopic<byte[], DeadLetter> deadLetters;

  private void start(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.put("schema.registry.url", url);
    settings.putIfAbsent("rela.batch.size", "1");
    settings.put("rela.retry.backoff.ms", "1");
    settings.put("rela.retry.backoff.max.ms", "4");
    topology =
        new TopologyHarness(
            settings,
            () -> {
              TranslationRequestDeserializer d = new TranslationRequestDeserializer(registry);
              d.configure(Map.of("schema.registry.url", url), false);
              return d;
            },
            model);
    requests = topology.requests;
    results = topology.results;
    deadLetters = topology.deadLetters;
  }

  @AfterEach
  void tearDown() {
    if (topology != null) {
      topology.close();
    }
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void shouldWaitForTheRegistryInsteadOfDeadLettering() {
    // Given a registry that cannot be reached for the next three lookups
    start(Map.of());
    byte[] request = avroRequest("guten Tag");
    registry.failures = 3;

    // When an Avro request arrives
    requests.pipeInput(bytes("k"), request);

    // Then it is translated after three retries, and nothing is a dead letter
    assertEquals("GUTEN TAG", results.readValue().getTranslation());
    assertTrue(deadLetters.isEmpty());
    assertEquals(4, registry.lookups);
    assertEquals(3.0, retries("registry-unavailable"));
  }

  @Test
  void shouldDeadLetterAnUnknownSchemaIdAtOnce() {
    // Given a registry that answers (404 for an id it does not know)
    start(Map.of());

    // When a request names schema id 0x7f12 that was never registered
    requests.pipeInput(bytes("k"), new byte[] {0, 0, 0, 0x7f, 0x12, 0x01});

    // Then it is a dead letter after one lookup, without retries
    assertEquals(ErrorCode.UNKNOWN_SCHEMA_ID, deadLetters.readValue().getErrorCode());
    assertEquals(1, registry.lookups);
    assertEquals(0.0, retries("registry-unavailable"));
  }

  @Test
  void shouldStopWhenTheRegistryStaysUnavailableLongerThanTheLimit() {
    // Given a registry that never comes back and a limit of 50 ms
    start(Map.of("rela.retry.max.ms", "50"));
    byte[] request = avroRequest("guten Tag");
    registry.failures = Integer.MAX_VALUE;

    // When an Avro request arrives, processing fails with the limit and the cause named
    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> requests.pipeInput(bytes("k"), request));
    RetryLimitExceededException limit = causeOf(thrown);
    assertTrue(limit.getMessage().contains("rela.retry.max.ms=50"), limit.getMessage());
    assertTrue(limit.getMessage().contains("registry-unavailable"), limit.getMessage());

    // Then the request is neither translated nor a dead letter
    assertTrue(results.isEmpty());
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void shouldRetryABatchThatRanOutOfMemory() {
    // Given batches of 2 and an engine that cannot allocate memory twice
    model.outOfMemoryFailures = 2;
    start(Map.of("rela.batch.size", "2"));

    // When two requests arrive
    requests.pipeInput(bytes("a"), bytes("ein Haus"));
    requests.pipeInput(bytes("b"), bytes("ein Baum"));

    // Then the batch is tried three times and both are translated, none dead-lettered
    assertEquals(
        List.of("EIN HAUS", "EIN BAUM"),
        results.readValuesToList().stream().map(TranslationResult::getTranslation).toList());
    assertTrue(deadLetters.isEmpty());
    assertEquals(3, model.batches.size());
    assertEquals(2.0, retries("resource-exhausted"));
  }

  @Test
  void shouldDeadLetterOnlyTheSentenceThatFailsOnItsOwn() {
    // Given batches of 2
    start(Map.of("rela.batch.size", "2"));

    // When a batch holds a sentence the model fails on and a good one
    requests.pipeInput(bytes("a"), bytes("gut"));
    requests.pipeInput(bytes("b"), bytes("FAIL here"));

    // Then the batch is tried again sentence by sentence: only the failing one is a dead letter
    DeadLetter letter = deadLetters.readValue();
    assertEquals(ErrorCode.TRANSLATION_FAILED, letter.getErrorCode());
    assertEquals(1L, letter.getOffset());
    assertTrue(deadLetters.isEmpty());
    assertEquals(
        List.of("GUT"), results.readValuesToList().stream().map(r -> r.getTranslation()).toList());
  }

  private byte[] avroRequest(String text) {
    TranslationRequestSerde avro = new TranslationRequestSerde();
    avro.configure(Map.of("schema.registry.url", url), false);
    return avro.serializer()
        .serialize(
            "translation-requests",
            TranslationRequest.newBuilder().setId("de-1").setText(text).build());
  }

  private double retries(String reason) {
    return TranslationTotals.retries(topology.driver.metrics(), reason);
  }

  private static RetryLimitExceededException causeOf(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof RetryLimitExceededException limit) {
        return limit;
      }
    }
    throw new AssertionError("no RetryLimitExceededException in", thrown);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
