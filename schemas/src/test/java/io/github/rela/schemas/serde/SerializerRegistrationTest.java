package io.github.rela.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.registry.InMemorySchemaRegistryClient;
import io.github.rela.schemas.testing.TestRecords;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** How the serializer finds the id: auto-register, look up only, or latest version. */
class SerializerRegistrationTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldLookUpWithoutRegisteringWhenAutoRegisterIsOff() {
    // Given a schema registered beforehand
    int id = registry.register("req-value", TranslationRequest.getClassSchema());

    // When a look-up-only serializer writes
    byte[] bytes =
        serializer(Map.of("auto.register.schemas", "false"))
            .serialize("req", TestRecords.request());

    // Then it used that id
    assertEquals(id, WireFormat.schemaId(bytes));
  }

  @Test
  void shouldFailWithSchemaNotRegisteredWhenAutoRegisterIsOff() {
    PayloadException e =
        assertThrows(
            PayloadException.class,
            () ->
                serializer(Map.of("auto.register.schemas", "false"))
                    .serialize("req", TestRecords.request()));
    assertEquals(ErrorCode.SCHEMA_NOT_REGISTERED, e.code());
    assertTrue(e.getMessage().contains("req-value"), e.getMessage());
  }

  @Test
  void shouldUseTheLatestVersionWhenItMatches() {
    // Given an older, different version and then the current one
    registry.register("req-value", otherSchema());
    int current = registry.register("req-value", TranslationRequest.getClassSchema());

    // When a use.latest.version serializer writes
    byte[] bytes =
        serializer(Map.of("use.latest.version", "true")).serialize("req", TestRecords.request());

    // Then the latest id is in the header
    assertEquals(current, WireFormat.schemaId(bytes));
  }

  @Test
  void shouldRefuseALatestVersionThatDiffersFromTheRecord() {
    // Given a latest version that is another schema
    registry.register("req-value", otherSchema());

    // When a use.latest.version serializer writes
    PayloadException e =
        assertThrows(
            PayloadException.class,
            () ->
                serializer(Map.of("use.latest.version", "true"))
                    .serialize("req", TestRecords.request()));

    // Then it refuses to label the bytes with that id
    assertEquals(ErrorCode.SCHEMA_MISMATCH, e.code());
  }

  @Test
  void shouldReportARecordThatCannotBeEncoded() {
    // Given a request without its required text
    TranslationRequest broken = TestRecords.request();
    broken.setText(null);

    // When written
    PayloadException e =
        assertThrows(PayloadException.class, () -> serializer(Map.of()).serialize("req", broken));

    // Then
    assertEquals(ErrorCode.MALFORMED_AVRO, e.code());
  }

  private TranslationRequestSerializer serializer(Map<String, String> configs) {
    TranslationRequestSerializer serializer = new TranslationRequestSerializer(registry);
    serializer.configure(configs, false);
    return serializer;
  }

  private static Schema otherSchema() {
    return SchemaBuilder.record("Other").namespace("x").fields().requiredInt("n").endRecord();
  }
}
