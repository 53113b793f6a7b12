package io.github.rela.schemas.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.registry.InMemorySchemaRegistryClient;
import io.github.rela.schemas.serde.DeadLetterSerde;
import io.github.rela.schemas.serde.TranslationRequestDeserializer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A dead letter keeps the original record byte for byte, with the typed reason. */
class DeadLettersTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldKeepTheRecordAndTheReasonOfAPayloadError() {
    // Given a value the request deserializer rejects
    byte[] key = {'k', '1'};
    byte[] value = {'o', 'k', (byte) 0xFF};
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", new byte[] {9});
    headers.add("trace", null);
    PayloadException error =
        assertThrows(PayloadException.class, () -> deserializer().deserialize("in", value));

    // When a dead letter is built from it
    DeadLetter letter =
        DeadLetters.forRecord("in", 1, 77)
            .key(key)
            .value(value)
            .headers(headers)
            .recordTimestamp(Instant.ofEpochMilli(5))
            .error(error)
            .failedAt(Instant.ofEpochMilli(9))
            .build();

    // Then it holds the coordinates, bytes, headers and reason
    assertEquals("in", letter.getTopic());
    assertEquals(77L, letter.getOffset());
    assertArrayEquals(key, bytes(letter.getKey()));
    assertArrayEquals(value, bytes(letter.getValue()));
    assertEquals(2, letter.getHeaders().size());
    assertArrayEquals(new byte[] {9}, bytes(letter.getHeaders().get(0).getValue()));
    assertNull(letter.getHeaders().get(1).getValue());
    assertEquals(ErrorCode.INVALID_UTF8, letter.getErrorCode());
    assertEquals(error.getMessage(), letter.getErrorMessage());
    assertEquals(PayloadException.class.getName(), letter.getExceptionClass());
  }

  @Test
  void shouldFindAPayloadErrorBehindAWrapper() {
    // Given a payload error wrapped by the caller
    var wrapped =
        new KafkaException("failed", new PayloadException(ErrorCode.EMPTY_PAYLOAD, "empty"));

    // When recorded with a fallback code
    DeadLetter letter = DeadLetters.forRecord("in", 0, 1).error(wrapped, ErrorCode.UNKNOWN).build();

    // Then the payload code wins
    assertEquals(ErrorCode.EMPTY_PAYLOAD, letter.getErrorCode());
  }

  @Test
  void shouldUseTheFallbackCodeForOtherFailures() {
    DeadLetter letter =
        DeadLetters.forRecord("in", 0, 1)
            .error(new IllegalStateException("model crashed"), ErrorCode.TRANSLATION_FAILED)
            .build();

    assertEquals(ErrorCode.TRANSLATION_FAILED, letter.getErrorCode());
    assertEquals("model crashed", letter.getErrorMessage());
    assertEquals(IllegalStateException.class.getName(), letter.getExceptionClass());
  }

  @Test
  void shouldRoundTripThroughItsSerde() {
    // Given a validation dead letter without key or value
    DeadLetter letter =
        DeadLetters.forRecord("in", 0, 3)
            .error(ErrorCode.TEXT_TOO_LONG, "text of 1201 characters exceeds the limit of 1000")
            .build();
    DeadLetterSerde serde = new DeadLetterSerde(registry);
    serde.configure(Map.of(), false);

    // When written and read
    DeadLetter read =
        serde.deserializer().deserialize("dlq", serde.serializer().serialize("dlq", letter));

    // Then
    assertEquals(letter, read);
  }

  @Test
  void shouldRequireAnError() {
    assertThrows(IllegalStateException.class, () -> DeadLetters.forRecord("in", 0, 0).build());
  }

  private TranslationRequestDeserializer deserializer() {
    TranslationRequestDeserializer deserializer = new TranslationRequestDeserializer(registry);
    deserializer.configure(Map.of(), false);
    return deserializer;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
