package io.github.rela.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.MockSchemaRegistry;
import io.github.rela.schemas.testing.TestRecords;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record type survives a write and read through the in-memory registry. */
class RoundTripTest {

  private static final String SCOPE = "round-trip";
  private static final Map<String, String> CONFIG =
      Map.of("schema.registry.url", "mock://" + SCOPE);

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  static Stream<Arguments> records() {
    return Stream.of(
        Arguments.of(new TranslationRequestSerde(), TestRecords.request()),
        Arguments.of(new TranslationResultSerde(), TestRecords.result()),
        Arguments.of(new DeadLetterSerde(), TestRecords.deadLetter()));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("records")
  <T extends SpecificRecord> void shouldReadBackWhatItWrote(Serde<T> serde, T record) {
    // Given a serde configured by Confluent's keys
    serde.configure(CONFIG, false);

    // When a record is written and read back
    byte[] bytes = serde.serializer().serialize("topic", record);
    T read = serde.deserializer().deserialize("topic", bytes);

    // Then it is unchanged, and the bytes are in the wire format with the registry's id
    assertEquals(record, read);
    assertEquals(0, bytes[0]);
    assertEquals(
        MockSchemaRegistry.forScope(SCOPE).latest("topic-value").id(), WireFormat.schemaId(bytes));
  }

  @Test
  void shouldShareOneRegistryPerMockScopeBetweenInstances() {
    // Given a writer and a separately configured reader on the same mock:// scope
    TranslationResultSerializer writer = new TranslationResultSerializer();
    writer.configure(CONFIG, false);
    TranslationResultDeserializer reader = new TranslationResultDeserializer();
    reader.configure(CONFIG, false);

    // When the reader reads what the writer wrote
    TranslationResult read = reader.deserialize("t", writer.serialize("t", TestRecords.result()));

    // Then the id resolved through the shared registry
    assertEquals(TestRecords.result(), read);
  }

  @Test
  void shouldReadIntoTheClassNamedByTheWriterSchemaWhenUntyped() {
    // Given an untyped serde, as when named by class in a configuration
    SpecificAvroSerde<SpecificRecord> untyped = new SpecificAvroSerde<>();
    untyped.configure(CONFIG, false);
    TranslationRequestSerde typed = new TranslationRequestSerde();
    typed.configure(CONFIG, false);

    // When it reads a request
    SpecificRecord read =
        untyped
            .deserializer()
            .deserialize("t", typed.serializer().serialize("t", TestRecords.request()));

    // Then it is a TranslationRequest
    assertEquals(TestRecords.request(), (TranslationRequest) read);
  }

  @Test
  void shouldRegisterKeysUnderTheTopicKeySubject() {
    // Given a serde configured for keys
    DeadLetterSerde serde = new DeadLetterSerde();
    serde.configure(CONFIG, true);

    // When it writes
    byte[] bytes = serde.serializer().serialize("dlq", TestRecords.deadLetter());

    // Then the schema went under dlq-key
    assertEquals(
        MockSchemaRegistry.forScope(SCOPE).latest("dlq-key").id(), WireFormat.schemaId(bytes));
    assertEquals(TestRecords.deadLetter(), serde.deserializer().deserialize("dlq", bytes));
  }

  @Test
  void shouldTurnNullIntoATombstoneAndBack() {
    // Given a configured serde
    DeadLetterSerde serde = new DeadLetterSerde();
    serde.configure(CONFIG, false);

    // When null is written and read
    byte[] bytes = serde.serializer().serialize("t", (DeadLetter) null);

    // Then both are null
    assertNull(bytes);
    assertNull(serde.deserializer().deserialize("t", null));
  }
}
