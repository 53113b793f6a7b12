package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.registry.RegisteredSchema;
import io.github.rela.schemas.registry.RegistryException;
import io.github.rela.schemas.registry.SchemaRegistryClient;
import io.github.rela.schemas.registry.SchemaRegistryClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in Confluent's wire format, registering or looking up their schema
 * under {@code <topic>-value} (or {@code <topic>-key} for keys). A null record becomes a null value
 * (a tombstone).
 *
 * <p>Configured like Confluent's {@code KafkaAvroSerializer} (see {@link SerdeConfig}). Thread
 * safe: Kafka Streams may share one instance between stream threads.
 *
 * @param <T> the record type
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final SchemaRegistryClient givenClient;
  private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
  private SchemaRegistryClient client;
  private SerdeConfig config;
  private boolean isKey;

  /** For configuration by class name: the registry comes from {@code schema.registry.url}. */
  public SpecificAvroSerializer() {
    this(null);
  }

  /** With a registry client of the caller's; {@code schema.registry.url} is then ignored. */
  public SpecificAvroSerializer(SchemaRegistryClient client) {
    this.givenClient = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.from(configs, givenClient != null);
    this.isKey = isKey;
    this.client =
        givenClient != null ? givenClient : SchemaRegistryClients.create(config.registry());
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (config == null) {
      throw new IllegalStateException("configure() must be called before serialize()");
    }
    String subject = Subjects.of(topic, isKey);
    Schema schema = record.getSchema();
    int id = schemaId(subject, schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(WireFormat.header(id));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer(schema).write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new PayloadException(
          ErrorCode.MALFORMED_AVRO,
          "Cannot encode " + schema.getFullName() + " for subject " + subject + ": " + e,
          e);
    }
    return out.toByteArray();
  }

  private int schemaId(String subject, Schema schema) {
    try {
      if (config.useLatestVersion()) {
        return latestId(subject, schema);
      }
      if (config.autoRegister()) {
        return client.register(subject, schema);
      }
      return client.idOf(subject, schema);
    } catch (RegistryException e) {
      throw RegistryErrors.toPayloadException(
          e,
          ErrorCode.SCHEMA_NOT_REGISTERED,
          "Schema " + schema.getFullName() + " under subject " + subject);
    }
  }

  /**
   * The latest version's id, provided it encodes exactly like the record's schema (same Parsing
   * Canonical Form): the record is written with its own schema, so any other id would lie.
   */
  private int latestId(String subject, Schema schema) {
    RegisteredSchema latest = client.latest(subject);
    if (SchemaNormalization.parsingFingerprint64(latest.schema())
        != SchemaNormalization.parsingFingerprint64(schema)) {
      throw new PayloadException(
          ErrorCode.SCHEMA_MISMATCH,
          "Latest version "
              + latest.version()
              + " (id "
              + latest.id()
              + ") of subject "
              + subject
              + " differs from the record's schema "
              + schema.getFullName());
    }
    return latest.id();
  }

  private SpecificDatumWriter<T> writer(Schema schema) {
    return writers.computeIfAbsent(schema, SpecificDatumWriter::new);
  }
}
