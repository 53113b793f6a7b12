package io.github.rela.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.registry.HttpSchemaRegistryClient;
import io.github.rela.schemas.registry.RegistryClientConfig;
import io.github.rela.schemas.testing.ApicurioRegistry;
import io.github.rela.schemas.testing.ApicurioRegistryExtension;
import io.github.rela.schemas.testing.TestRecords;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The serdes against a real Confluent-compatible registry: Apicurio Registry 2.6.13 started on
 * 127.0.0.1 by {@link ApicurioRegistryExtension}, reached through {@code /apis/ccompat/v7}.
 */
@ExtendWith(ApicurioRegistryExtension.class)
class ApicurioRegistryIntegrationTest {

  private static String url;

  @BeforeAll
  static void startRegistry(ApicurioRegistry registry) {
    url = registry.confluentApiUrl();
  }

  @Test
  void shouldRegisterWriteAndReadBackEveryRecordType() {
    assertRoundTrip(TranslationRequestSerde::new, TestRecords.request());
    assertRoundTrip(TranslationResultSerde::new, TestRecords.result());
    assertRoundTrip(DeadLetterSerde::new, TestRecords.deadLetter());
  }

  @Test
  void shouldResolveTheIdThroughTheRegistryInAFreshSerdeInstance() {
    // Given a result written by one serde instance
    String topic = uniqueTopic();
    byte[] bytes =
        serde(new TranslationResultSerde()).serializer().serialize(topic, TestRecords.result());

    // When a new instance, with an empty cache and its own HTTP client, reads it
    TranslationResultSerde reader = serde(new TranslationResultSerde());
    TranslationResult read = reader.deserializer().deserialize(topic, bytes);

    // Then it is the same record, and so it is for Confluent-style untyped configuration
    assertEquals(TestRecords.result(), read);
    assertEquals(
        TestRecords.result(),
        serde(new SpecificAvroSerde<>()).deserializer().deserialize(topic, bytes));
  }

  @Test
  void shouldRegisterUnderTheTopicValueSubjectWithTheIdWrittenInTheHeader() {
    // Given a request written to a fresh topic
    String topic = uniqueTopic();
    byte[] bytes =
        serde(new TranslationRequestSerde()).serializer().serialize(topic, TestRecords.request());

    // When the registry is asked for the subject's latest version
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistryClientConfig.of(url));
    int latestId = registry.latest(topic + "-value").id();

    // Then that is the id in the payload, and the schema it names is the request schema
    assertEquals(latestId, WireFormat.schemaId(bytes));
    assertEquals(
        TranslationRequest.getClassSchema().getFullName(),
        registry.schemaById(latestId).getFullName());
  }

  @Test
  void shouldWriteWithTheRegisteredIdWhenAutoRegisterIsDisabled() {
    // Given a schema registered by a first writer
    String topic = uniqueTopic();
    byte[] registered =
        serde(new DeadLetterSerde()).serializer().serialize(topic, TestRecords.deadLetter());

    // When a writer that may not register writes the same type
    DeadLetterSerde lookupOnly =
        serde(new DeadLetterSerde(), Map.of("auto.register.schemas", "false"));
    byte[] written = lookupOnly.serializer().serialize(topic, TestRecords.deadLetter());

    // Then it found the same id, and bytes are identical
    assertArrayEquals(registered, written);
  }

  @Test
  void shouldRefuseToWriteAnUnregisteredSchemaWhenAutoRegisterIsDisabled() {
    // Given a writer that may not register, and a topic nobody wrote to
    DeadLetterSerde lookupOnly =
        serde(new DeadLetterSerde(), Map.of("auto.register.schemas", "false"));

    // When it writes
    PayloadException e =
        assertThrows(
            PayloadException.class,
            () -> lookupOnly.serializer().serialize(uniqueTopic(), TestRecords.deadLetter()));

    // Then the error says the schema is not registered
    assertEquals(ErrorCode.SCHEMA_NOT_REGISTERED, e.code());
  }

  @Test
  void shouldWriteWithTheLatestVersionWhenAsked() {
    // Given a registered schema
    String topic = uniqueTopic();
    byte[] registered =
        serde(new TranslationRequestSerde()).serializer().serialize(topic, TestRecords.request());

    // When a writer configured with use.latest.version writes
    TranslationRequestSerde latest =
        serde(
            new TranslationRequestSerde(),
            Map.of("use.latest.version", "true", "auto.register.schemas", "false"));

    // Then it uses the latest version's id
    assertArrayEquals(registered, latest.serializer().serialize(topic, TestRecords.request()));
  }

  @Test
  void shouldReportAnUnknownSchemaId() {
    // Given a payload naming an id the registry never issued
    byte[] payload = {0, 0x00, 0x0F, 0x42, 0x3F, 2, 'x'};

    // When it is read
    PayloadException e =
        assertThrows(
            PayloadException.class,
            () -> serde(new TranslationRequestSerde()).deserializer().deserialize("t", payload));

    // Then the error names the id
    assertEquals(ErrorCode.UNKNOWN_SCHEMA_ID, e.code());
    assertEquals(true, e.getMessage().contains("999999"), e.getMessage());
  }

  @Test
  void shouldFailOverToTheNextRegistryUrl() throws IOException {
    // Given a URL list whose first registry does not listen
    String urls = "http://127.0.0.1:" + deadPort() + "," + url;
    TranslationRequestSerde serde =
        serde(new TranslationRequestSerde(), Map.of("schema.registry.url", urls));

    // When a request is written and read back
    String topic = uniqueTopic();
    byte[] bytes = serde.serializer().serialize(topic, TestRecords.request());

    // Then the second registry served both calls
    assertEquals(
        TestRecords.request(),
        serde(new TranslationRequestSerde()).deserializer().deserialize(topic, bytes));
  }

  private <T extends SpecificRecord> void assertRoundTrip(Supplier<Serde<T>> serdes, T record) {
    // Given a topic and a serde configured with the registry's URL
    String topic = uniqueTopic();
    Serde<T> serde = serde(serdes.get());

    // When the record is written and read back
    T read = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, record));

    // Then it is equal to the original, but a new object
    assertEquals(record, read);
    assertNotSame(record, read);
  }

  private static <S extends Serde<?>> S serde(S serde) {
    return serde(serde, Map.of());
  }

  private static <S extends Serde<?>> S serde(S serde, Map<String, String> overrides) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", url);
    configs.putAll(overrides);
    serde.configure(configs, false);
    return serde;
  }

  private static String uniqueTopic() {
    return "it-" + UUID.randomUUID();
  }

  private static int deadPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
