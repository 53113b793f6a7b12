package io.github.rela.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests arrive as Avro or as plain UTF-8 text; bad text is an INVALID_UTF8 error. */
class TranslationRequestDeserializerTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldTakePlainTextAsTheSentenceWithNoId() {
    // Given a value that is just text
    byte[] payload = "Zwei Hunde spielen im Schnee.".getBytes(StandardCharsets.UTF_8);

    // When it is read
    TranslationRequest request = deserializer(Map.of()).deserialize("requests", payload);

    // Then the text is the sentence and the id is left for the app to derive
    assertEquals("Zwei Hunde spielen im Schnee.", request.getText());
    assertNull(request.getId());
    assertTrue(RequestIds.isMissing(request));
    assertNull(request.getSourceLanguage());
    assertTrue(request.getMetadata().isEmpty());
  }

  @Test
  void shouldDropAByteOrderMark() {
    // Given text behind a UTF-8 byte-order mark
    byte[] payload = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'H', 'i'};

    // When read
    // Then the mark is gone
    assertEquals("Hi", deserializer(Map.of()).deserialize("requests", payload).getText());
  }

  @Test
  void shouldNameTheOffsetAndBytesOfInvalidUtf8() {
    // Given "ab" followed by a lone continuation byte
    byte[] payload = {'a', 'b', (byte) 0x80, 'c'};

    // When read
    PayloadException e =
        assertThrows(
            PayloadException.class, () -> deserializer(Map.of()).deserialize("requests", payload));

    // Then
    assertEquals(ErrorCode.INVALID_UTF8, e.code());
    assertTrue(e.getMessage().contains("offset 2: 0x80"), e.getMessage());
  }

  @Test
  void shouldRejectATruncatedMultiByteCharacter() {
    // Given text ending in the first byte of a two-byte character
    byte[] payload = {'o', 'k', (byte) 0xC3};

    // When read
    PayloadException e =
        assertThrows(
            PayloadException.class, () -> deserializer(Map.of()).deserialize("requests", payload));

    // Then
    assertEquals(ErrorCode.INVALID_UTF8, e.code());
    assertTrue(e.getMessage().contains("offset 2: 0xC3"), e.getMessage());
  }

  @Test
  void shouldTreatTextAsABadMagicByteWhenPlainTextIsOff() {
    // Given a deserializer that accepts Avro only
    TranslationRequestDeserializer avroOnly =
        deserializer(Map.of(SerdeConfig.PLAIN_TEXT_INPUT, "false"));

    // When it reads text
    PayloadException e =
        assertThrows(
            PayloadException.class,
            () -> avroOnly.deserialize("requests", "Hallo".getBytes(StandardCharsets.UTF_8)));

    // Then the first byte is named
    assertEquals(ErrorCode.BAD_MAGIC_BYTE, e.code());
    assertTrue(e.getMessage().contains("0x48"), e.getMessage());
  }

  @Test
  void shouldStillReadAvroRequests() {
    // Given an Avro request
    TranslationRequestSerializer serializer = new TranslationRequestSerializer(registry);
    serializer.configure(Map.of(), false);
    TranslationRequest sent = TranslationRequest.newBuilder().setId("r-7").setText("Hallo").build();

    // When read by the same deserializer that takes text
    TranslationRequest read =
        deserializer(Map.of()).deserialize("requests", serializer.serialize("requests", sent));

    // Then
    assertEquals(sent, read);
  }

  @Test
  void shouldRejectAnEmptyValue() {
    PayloadException e =
        assertThrows(
            PayloadException.class,
            () -> deserializer(Map.of()).deserialize("requests", new byte[0]));
    assertEquals(ErrorCode.EMPTY_PAYLOAD, e.code());
  }

  @Test
  void shouldDeriveStableIdsFromRecordCoordinates() {
    // Given a plain-text request and an Avro request with its own id
    TranslationRequest text =
        deserializer(Map.of()).deserialize("requests", "Hallo".getBytes(StandardCharsets.UTF_8));
    TranslationRequest withId = TranslationRequest.newBuilder().setId("mine").setText("x").build();

    // When ids are ensured
    RequestIds.ensureId(text, "requests", 3, 1042);
    RequestIds.ensureId(withId, "requests", 3, 1043);

    // Then only the missing one is derived, from topic, partition and offset
    assertEquals("requests-3@1042", text.getId());
    assertEquals("mine", withId.getId());
  }

  private TranslationRequestDeserializer deserializer(Map<String, String> configs) {
    TranslationRequestDeserializer deserializer = new TranslationRequestDeserializer(registry);
    deserializer.configure(configs, false);
    return deserializer;
  }
}
