package io.github.rela.schemas.testing;

import io.github.rela.schemas.avro.AlignmentEntry;
import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.DeadLetterHeader;
import io.github.rela.schemas.avro.DecodingSettings;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.Latencies;
import io.github.rela.schemas.avro.ModelInfo;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated record of each type, so round trips exercise every field. */
public final class TestRecords {

  private TestRecords() {}

  public static TranslationRequest request() {
    return TranslationRequest.newBuilder()
        .setId("req-1")
        .setText("Ein Mann fährt Fahrrad.")
        .setSourceLanguage("de")
        .setTargetLanguage("en")
        .setReference("A man rides a bike.")
        .setMetadata(Map.of("tenant", "acme"))
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_123L))
        .build();
  }

  public static TranslationResult result() {
    return TranslationResult.newBuilder()
        .setRequestId("req-1")
        .setSourceText("Ein Mann fährt Fahrrad.")
        .setTranslation("A man rides a bike.")
        .setSourceLanguage("de")
        .setTargetLanguage("en")
        .setSourceTokens(List.of("▁Ein", "▁Mann", "▁fährt", "▁Fahrrad", "."))
        .setTargetTokens(List.of("▁A", "▁man", "▁rides", "▁a", "▁bike", "."))
        .setAlignment(List.of(new AlignmentEntry(0, 0, 0.75f), new AlignmentEntry(1, 1, 1.25f)))
        .setNullRate(0.125)
        .setSparsity(0.8)
        .setScore(-0.42)
        .setLowConfidence(true)
        .setLowConfidenceReason("nullRate 0.125 >= 0.100")
        .setModel(new ModelInfo("rela-multi30k-de-en", "1.0.0", "ab12cd34"))
        .setDecoding(new DecodingSettings(4, 128, 0.6))
        .setLatencies(new Latencies(5L, 40L, 47L, 8))
        .setMetadata(Map.of("tenant", "acme"))
        .setProcessedAt(Instant.ofEpochMilli(1_700_000_000_170L))
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setTopic("translation-requests")
        .setPartition(2)
        .setOffset(42L)
        .setRecordTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
        .setKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x28}))
        .setHeaders(List.of(new DeadLetterHeader("trace", ByteBuffer.wrap(new byte[] {1, 2}))))
        .setErrorCode(ErrorCode.INVALID_UTF8)
        .setErrorMessage("invalid byte sequence at offset 0: 0xC3")
        .setExceptionClass("io.github.rela.schemas.error.PayloadException")
        .setFailedAt(Instant.ofEpochMilli(1_700_000_000_500L))
        .build();
  }
}
