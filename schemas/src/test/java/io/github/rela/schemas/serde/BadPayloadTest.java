package io.github.rela.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.registry.MockSchemaRegistry;
import io.github.rela.schemas.testing.TestRecords;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of bad bytes, for each record type, fails with its own code and a telling message. */
class BadPayloadTest {

  private static final String SCOPE = "bad-payload";
  private static final Map<String, String> CONFIG =
      Map.of("schema.registry.url", "mock://" + SCOPE);

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  static Stream<Arguments> serdes() {
    return Stream.of(
        Arguments.of(new TranslationRequestSerde(), TestRecords.request()),
        Arguments.of(new TranslationResultSerde(), TestRecords.result()),
        Arguments.of(new DeadLetterSerde(), TestRecords.deadLetter()));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serdes")
  <T extends SpecificRecord> void shouldRejectAnEmptyPayload(Serde<T> serde, T record) {
    assertRejected(serde, new byte[0], ErrorCode.EMPTY_PAYLOAD, "0 bytes");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serdes")
  <T extends SpecificRecord> void shouldRejectAShortHeader(Serde<T> serde, T record) {
    assertRejected(serde, new byte[] {0, 0, 1}, ErrorCode.TRUNCATED_AVRO, "3 bytes");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serdes")
  <T extends SpecificRecord> void shouldRejectAnUnknownSchemaId(Serde<T> serde, T record) {
    assertRejected(
        serde, new byte[] {0, 0, 0, 0x30, 0x39, 2}, ErrorCode.UNKNOWN_SCHEMA_ID, "12345");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serdes")
  <T extends SpecificRecord> void shouldRejectATruncatedBody(Serde<T> serde, T record) {
    // Given a valid payload cut in the middle of its body
    byte[] valid = write(serde, record);
    byte[] truncated = Arrays.copyOf(valid, WireFormat.HEADER_SIZE + 3);

    // Then
    assertRejected(serde, truncated, ErrorCode.TRUNCATED_AVRO, "3 bytes");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serdes")
  <T extends SpecificRecord> void shouldRejectTrailingBytes(Serde<T> serde, T record) {
    // Given a valid payload with two bytes too many
    byte[] valid = write(serde, record);
    byte[] longer = Arrays.copyOf(valid, valid.length + 2);

    // Then
    assertRejected(serde, longer, ErrorCode.MALFORMED_AVRO, "2 of");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serdes")
  <T extends SpecificRecord> void shouldRejectANegativeLength(Serde<T> serde, T record) {
    // Given a valid header followed by a string length of -1 (zig-zag 0x01)
    byte[] valid = write(serde, record);
    byte[] malformed = Arrays.copyOf(valid, WireFormat.HEADER_SIZE + 1);
    malformed[WireFormat.HEADER_SIZE] = 0x01;

    // Then
    assertRejected(serde, malformed, ErrorCode.MALFORMED_AVRO, "schema id");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serdes")
  <T extends SpecificRecord> void shouldRejectALengthBeyondThePayload(Serde<T> serde, T record) {
    // Given a valid header followed by a string length of 2^30 (zig-zag varint) and nothing more
    byte[] valid = write(serde, record);
    byte[] huge = Arrays.copyOf(valid, WireFormat.HEADER_SIZE + 5);
    byte[] length = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
    System.arraycopy(length, 0, huge, WireFormat.HEADER_SIZE, length.length);

    // Then it fails fast, without allocating a gigabyte
    assertRejected(serde, huge, ErrorCode.TRUNCATED_AVRO, "1073741824 exceeds the 0 bytes left");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("serdes")
  <T extends SpecificRecord> void shouldRejectAnotherRecordType(Serde<T> serde, T record) {
    // Given a payload of another type, written to the same registry
    SpecificRecord other =
        record instanceof io.github.rela.schemas.avro.DeadLetter
            ? TestRecords.request()
            : TestRecords.deadLetter();
    SpecificAvroSerializer<SpecificRecord> writer = new SpecificAvroSerializer<>();
    writer.configure(CONFIG, false);
    byte[] payload = writer.serialize("t", other);

    // Then
    assertRejected(serde, payload, ErrorCode.SCHEMA_MISMATCH, other.getSchema().getFullName());
  }

  private static <T extends SpecificRecord> byte[] write(Serde<T> serde, T record) {
    serde.configure(CONFIG, false);
    return serde.serializer().serialize("t", record);
  }

  private static <T extends SpecificRecord> void assertRejected(
      Serde<T> serde, byte[] payload, ErrorCode code, String messagePart) {
    // When the payload is read
    serde.configure(CONFIG, false);
    PayloadException e =
        assertThrows(PayloadException.class, () -> serde.deserializer().deserialize("t", payload));

    // Then the code and message say what was wrong
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }
}
