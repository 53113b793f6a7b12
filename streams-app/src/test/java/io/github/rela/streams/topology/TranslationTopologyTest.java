package io.github.rela.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.TranslationRequestSerde;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.metrics.TranslationTotals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranslationTopologyTest {

  private static final LanguagePair DE_EN = new LanguagePair("de", "en");

  private final FakeTranslator model = new FakeTranslator(DE_EN);
  private final String registry = "mock://topology-test-" + System.nanoTime();
  private TopologyHarness topology;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> requests;
  private TestOutputTopic<byte[], TranslationResult> results;
  private TestOutputTopic<byte[], TranslationResult> lowConfidence;
  private TestOutputTopic<byte[], DeadLetter> deadLetters;

  private void start(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.put("schema.registry.url", registry);
    settings.putIfAbsent("rela.batch.size", "2");
    settings.putIfAbsent("rela.batch.linger.ms", "1000");
    topology = new TopologyHarness(settings, null, model);
    driver = topology.driver;
    requests = topology.requests;
    results = topology.results;
    lowConfidence = topology.lowConfidence;
    deadLetters = topology.deadLetters;
  }

  @AfterEach
  void tearDown() {
    if (topology != null) {
      topology.close();
    }
  }

  @Test
  void shouldTranslatePlainTextKeepingKeyAndHeaders() {
    // Given the topology with batches of 2
    start(Map.of());
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace-id", bytes("abc"));

    // When two plain-text requests arrive
    requests.pipeInput(new TestRecord<>(bytes("k1"), bytes("ein Haus"), headers, 1000L));
    requests.pipeInput(new TestRecord<>(bytes("k2"), bytes("ein Baum"), headers, 1001L));

    // Then both are translated in one batch, in order, with their keys, headers and ids
    List<TestRecord<byte[], TranslationResult>> out = results.readRecordsToList();
    assertEquals(List.of(List.of("ein Haus", "ein Baum")), model.batches);
    assertEquals(2, out.size());
    assertArrayEquals(bytes("k1"), out.get(0).key());
    assertEquals("EIN HAUS", out.get(0).value().getTranslation());
    assertEquals("translation-requests-0@0", out.get(0).value().getRequestId());
    assertArrayEquals(bytes("abc"), out.get(0).headers().lastHeader("trace-id").value());
    assertEquals(1000L, out.get(0).timestamp());
    assertEquals("de", out.get(0).value().getSourceLanguage());
    assertEquals(2, out.get(1).value().getLatencies().getBatchSize());
    assertEquals(70.0, out.get(0).value().getQuality());
    assertEquals(0.05, out.get(0).value().getBadProbability());
    assertTrue(lowConfidence.isEmpty());
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void shouldRouteALowEstimateToLowConfidenceOnlyByDefault() {
    start(Map.of("rela.batch.size", "1"));

    requests.pipeInput(bytes("k"), bytes("was ist ??"));

    TranslationResult flagged = lowConfidence.readValue();
    assertTrue(flagged.getLowConfidence());
    assertEquals(20.0, flagged.getQuality());
    assertEquals("quality 20.0 < 40.0 (estimated chrF)", flagged.getLowConfidenceReason());
    assertTrue(results.isEmpty());
    assertTrue(lowConfidence.isEmpty());
  }

  @Test
  void shouldFlagBelowAConfiguredMinimumQuality() {
    start(Map.of("rela.batch.size", "1", "rela.low.confidence.min.quality", "75"));

    requests.pipeInput(bytes("k"), bytes("ein Haus"));

    assertEquals(
        "quality 70.0 < 75.0 (estimated chrF)", lowConfidence.readValue().getLowConfidenceReason());
    assertTrue(results.isEmpty());
  }

  @Test
  void shouldCombineTheNullRateRuleWithTheEstimateWhenSet() {
    start(Map.of("rela.batch.size", "1", "rela.low.confidence.null.rate", "0.5"));

    requests.pipeInput(bytes("k"), bytes("was ist ??"));

    assertEquals(
        "quality 20.0 < 40.0 (estimated chrF); nullRate 0.900 >= 0.500",
        lowConfidence.readValue().getLowConfidenceReason());
  }

  @Test
  void shouldFallBackToTheConfiguredRulesWithoutAnEstimate() {
    // Given a checkpoint without quality.json and the null-rate rule set
    model.calibrated = false;
    start(Map.of("rela.batch.size", "1", "rela.low.confidence.null.rate", "0.5"));

    // When a good and a doubtful sentence arrive
    requests.pipeInput(bytes("k1"), bytes("ein Haus"));
    requests.pipeInput(bytes("k2"), bytes("was ist ??"));

    // Then the good one is a result without an estimate, the doubtful one flagged by its null rate
    TranslationResult result = results.readValue();
    assertNull(result.getQuality());
    assertFalse(result.getLowConfidence());
    assertEquals("nullRate 0.900 >= 0.500", lowConfidence.readValue().getLowConfidenceReason());
  }

  @Test
  void shouldLeaveTheNullRateRuleOffByDefault() {
    model.calibrated = false;
    start(Map.of("rela.batch.size", "1"));

    requests.pipeInput(bytes("k"), bytes("was ist ??"));

    assertFalse(results.readValue().getLowConfidence());
    assertTrue(lowConfidence.isEmpty());
  }

  @Test
  void shouldRouteLowConfidenceToBothTopicsWhenConfigured() {
    start(Map.of("rela.batch.size", "1", "rela.low.confidence.routing", "both"));

    requests.pipeInput(bytes("k"), bytes("was ist ??"));

    assertTrue(results.readValue().getLowConfidence());
    assertTrue(lowConfidence.readValue().getLowConfidence());
    assertTrue(results.isEmpty());
  }

  @Test
  void shouldCountTranslationsBatchesAndDecodingTimeInMetrics() {
    // Given batches of 2 and a model that takes 5 ms per batch
    model.decodeMillis = 5;
    start(Map.of());

    // When three requests arrive and the linger flushes the third alone
    requests.pipeInput(bytes("a"), bytes("eins"));
    requests.pipeInput(bytes("b"), bytes("zwei"));
    requests.pipeInput(bytes("c"), bytes("drei"));
    driver.advanceWallClockTime(Duration.ofMillis(1300));

    // Then the totals count 3 translations in 2 batches and the time spent decoding them
    TranslationTotals totals = TranslationTotals.of(driver.metrics());
    assertEquals(3, results.readValuesToList().size());
    assertEquals(3.0, totals.translations());
    assertEquals(2.0, totals.batches());
    assertEquals(1.5, totals.meanBatch());
    assertTrue(totals.decodeMillis() >= 10, "decode ms: " + totals.decodeMillis());
  }

  @Test
  void shouldFlushPartialBatchAfterLinger() {
    // Given a batch size of 2 and a linger of 1 s
    start(Map.of());

    // When one request arrives and less than the linger passes, nothing is translated
    requests.pipeInput(bytes("k"), bytes("allein"));
    driver.advanceWallClockTime(Duration.ofMillis(500));
    assertTrue(results.isEmpty());

    // Then once the linger has passed the partial batch is translated
    driver.advanceWallClockTime(Duration.ofMillis(800));
    assertEquals("ALLEIN", results.readValue().getTranslation());
    assertEquals(List.of(List.of("allein")), model.batches);
  }

  @Test
  void shouldSendEachBadInputToDeadLetterWithReasonAndTranslateTheRest() {
    // Given Avro requests from a producer using the same registry
    start(Map.of("rela.batch.size", "1", "rela.input.max.chars", "20"));
    TranslationRequestSerde avro = new TranslationRequestSerde();
    avro.configure(Map.of("schema.registry.url", registry), false);
    byte[] french =
        avro.serializer()
            .serialize(
                "translation-requests",
                TranslationRequest.newBuilder()
                    .setId("fr-1")
                    .setText("bonjour")
                    .setSourceLanguage("fr")
                    .setTargetLanguage("en")
                    .build());
    byte[] german =
        avro.serializer()
            .serialize(
                "translation-requests",
                TranslationRequest.newBuilder().setId("de-1").setText("guten Tag").build());

    // When good and bad records arrive mixed
    requests.pipeInput(bytes("1"), new byte[0]);
    requests.pipeInput(bytes("2"), bytes("gut"));
    requests.pipeInput(bytes("3"), new byte[] {(byte) 0xC3, (byte) 0x28});
    requests.pipeInput(bytes("4"), new byte[] {0, 0, 0, 0x7f, 0x12, 0x01});
    requests.pipeInput(bytes("5"), bytes("x".repeat(21)));
    requests.pipeInput(bytes("6"), french);
    requests.pipeInput(bytes("7"), bytes("   "));
    requests.pipeInput(bytes("8"), german);
    requests.pipeInput(bytes("9"), bytes("FAIL here"));

    // Then each bad record is a dead letter with its reason, and the good ones are translated
    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertEquals(
        List.of(
            ErrorCode.EMPTY_PAYLOAD,
            ErrorCode.INVALID_UTF8,
            ErrorCode.UNKNOWN_SCHEMA_ID,
            ErrorCode.TEXT_TOO_LONG,
            ErrorCode.UNSUPPORTED_LANGUAGE_PAIR,
            ErrorCode.EMPTY_TEXT,
            ErrorCode.TRANSLATION_FAILED),
        letters.stream().map(DeadLetter::getErrorCode).toList());
    assertEquals(2L, letters.get(1).getOffset());
    assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0x28}, letters.get(1).getValue().array());
    assertTrue(
        letters.get(4).getErrorMessage().contains("fr-en"), letters.get(4).getErrorMessage());
    assertTrue(
        letters.get(6).getErrorMessage().contains("exploded"), letters.get(6).getErrorMessage());
    assertEquals(
        List.of("GUT", "GUTEN TAG"),
        results.readValuesToList().stream().map(TranslationResult::getTranslation).toList());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
