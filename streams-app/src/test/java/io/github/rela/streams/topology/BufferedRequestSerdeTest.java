package io.github.rela.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.rela.schemas.avro.TranslationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BufferedRequestSerdeTest {

  /**
   * {@link #sample()} as the hand-written format (byte 1) wrote it, produced by that code (commit
   * 78e7484's BufferedRequestSerde): a changelog from before the Avro record must still restore.
   */
  private static final String LEGACY_SAMPLE =
      "01000000026b3100000003010203000000020005747261636500000003742d310005656d707479ffffffff"
          + "0000018bcfe5680000147472616e736c6174696f6e2d726571756573747300000003000000000000002a"
          + "0000018bcfe569f40a7265712d372045696e2048756e64206cc3a47566742e020464650204656e021641"
          + "20646f672072756e732e020c74656e616e7402610002f6a1abfef962";

  /** A request with null key and value and no headers, in the hand-written format. */
  private static final String LEGACY_NULLS =
      "01ffffffffffffffff000000000000000000000005000174000000000000000000000000000000000000"
          + "00060a7265712d372045696e2048756e64206cc3a47566742e020464650204656e02164120646f6720"
          + "72756e732e020c74656e616e7402610002f6a1abfef962";

  @Test
  void shouldRestoreAValueWrittenInTheLegacyFormat() {
    // Given bytes the previous serde wrote
    byte[] legacy = HexFormat.of().parseHex(LEGACY_SAMPLE);
    // When they are read
    BufferedRequest read = BufferedRequestSerde.read(legacy);
    // Then every field is there
    assertSameAs(sample(), read);
  }

  @Test
  void shouldRestoreNullKeyAndValueFromTheLegacyFormat() {
    BufferedRequest read = BufferedRequestSerde.read(HexFormat.of().parseHex(LEGACY_NULLS));
    assertNull(read.key());
    assertNull(read.value());
    assertEquals(List.of(), read.headers());
    assertEquals(5L, read.timestamp());
    assertEquals("t", read.topic());
    assertEquals(6L, read.bufferedAtMillis());
    assertEquals(request(), read.request());
  }

  @Test
  void shouldWriteTheAvroRecordAndReadItBack() {
    // When the sample is written
    byte[] written = BufferedRequestSerde.write(sample());
    // Then it is the Avro format, and reads back whole
    assertEquals(BufferedRequestSerde.FORMAT_AVRO_V1, written[0]);
    assertSameAs(sample(), BufferedRequestSerde.read(written));
  }

  @Test
  void shouldRejectAnUnknownFormat() {
    assertThrows(SerializationException.class, () -> BufferedRequestSerde.read(new byte[] {9}));
    assertThrows(SerializationException.class, () -> BufferedRequestSerde.read(new byte[0]));
  }

  private static TranslationRequest request() {
    return TranslationRequest.newBuilder()
        .setId("req-7")
        .setText("Ein Hund läuft.")
        .setSourceLanguage("de")
        .setTargetLanguage("en")
        .setReference("A dog runs.")
        .setMetadata(Map.of("tenant", "a"))
        .setEventTime(Instant.ofEpochMilli(1700000000123L))
        .build();
  }

  private static BufferedRequest sample() {
    return new BufferedRequest(
        request(),
        "k1".getBytes(StandardCharsets.UTF_8),
        new byte[] {1, 2, 3},
        List.of(
            Map.entry("trace", "t-1".getBytes(StandardCharsets.UTF_8)),
            new AbstractMap.SimpleImmutableEntry<>("empty", null)),
        1700000000000L,
        "translation-requests",
        3,
        42L,
        1700000000500L);
  }

  private static void assertSameAs(BufferedRequest expected, BufferedRequest actual) {
    assertEquals(expected.request(), actual.request());
    assertArrayEquals(expected.key(), actual.key());
    assertArrayEquals(expected.value(), actual.value());
    assertEquals(expected.headers().size(), actual.headers().size());
    for (int i = 0; i < expected.headers().size(); i++) {
      assertEquals(expected.headers().get(i).getKey(), actual.headers().get(i).getKey());
      assertArrayEquals(expected.headers().get(i).getValue(), actual.headers().get(i).getValue());
    }
    assertEquals(expected.timestamp(), actual.timestamp());
    assertEquals(expected.topic(), actual.topic());
    assertEquals(expected.partition(), actual.partition());
    assertEquals(expected.offset(), actual.offset());
    assertEquals(expected.bufferedAtMillis(), actual.bufferedAtMillis());
  }
}
