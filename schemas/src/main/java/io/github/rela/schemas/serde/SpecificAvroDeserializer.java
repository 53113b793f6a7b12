package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.registry.RegistryException;
import io.github.rela.schemas.registry.SchemaRegistryClient;
import io.github.rela.schemas.registry.SchemaRegistryClients;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format payloads into Avro specific records, resolving the writer's schema by
 * id through the registry (cached) and the reader's schema from the generated class, so data
 * written with any compatible version of a schema reads as the current class.
 *
 * <p>Every bad payload fails with a {@link PayloadException} whose code says why: {@code
 * EMPTY_PAYLOAD}, {@code BAD_MAGIC_BYTE}, {@code TRUNCATED_AVRO}, {@code UNKNOWN_SCHEMA_ID}, {@code
 * SCHEMA_MISMATCH} (the id names another record type, or an incompatible one), {@code
 * MALFORMED_AVRO} (bytes the schema cannot decode, or bytes left over) or {@code
 * REGISTRY_UNAVAILABLE}. A null payload (tombstone) gives null. Thread safe.
 *
 * @param <T> the record type
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final Class<T> type;
  private final SchemaRegistryClient givenClient;
  private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
  private SchemaRegistryClient client;
  private SerdeConfig config;

  /**
   * For configuration by class name, like Confluent's deserializer with {@code
   * specific.avro.reader=true}: the class is the generated class named by the writer's schema.
   */
  public SpecificAvroDeserializer() {
    this(null, null);
  }

  /**
   * @param type the generated class to read into; null to take it from the writer's schema
   * @param client the registry client, or null to build one from {@code schema.registry.url}
   */
  public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    this.type = type;
    this.givenClient = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.from(configs, givenClient != null);
    this.client =
        givenClient != null ? givenClient : SchemaRegistryClients.create(config.registry());
  }

  /** The settings read by {@link #configure}, for subclasses. */
  protected SerdeConfig config() {
    if (config == null) {
      throw new IllegalStateException("configure() must be called before deserialize()");
    }
    return config;
  }

  @Override
  public T deserialize(String topic, byte[] payload) {
    if (payload == null) {
      return null;
    }
    config();
    int id = WireFormat.schemaId(payload);
    SpecificDatumReader<T> reader = readers.computeIfAbsent(id, this::newReader);
    int bodyLength = payload.length - WireFormat.HEADER_SIZE;
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(payload, WireFormat.HEADER_SIZE, bodyLength, null);
    T record = read(reader, new BoundedDecoder(decoder), id, bodyLength);
    checkFullyRead(decoder, id, bodyLength);
    return record;
  }

  private T read(SpecificDatumReader<T> reader, Decoder decoder, int id, int bodyLength) {
    try {
      return reader.read(null, decoder);
    } catch (EOFException e) {
      throw new PayloadException(
          ErrorCode.TRUNCATED_AVRO,
          "Avro body of "
              + bodyLength
              + " bytes (schema id "
              + id
              + ") ended before the "
              + reader.getSchema().getName()
              + " record was complete"
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    } catch (IOException | RuntimeException e) {
      throw new PayloadException(
          ErrorCode.MALFORMED_AVRO,
          "Avro body of "
              + bodyLength
              + " bytes (schema id "
              + id
              + ") cannot be decoded as "
              + reader.getSchema().getName()
              + ": "
              + e,
          e);
    }
  }

  /** Leftover bytes mean the payload was not written with the schema its id names. */
  private static void checkFullyRead(BinaryDecoder decoder, int id, int bodyLength) {
    try {
      if (!decoder.isEnd()) {
        int left = decoder.inputStream().available();
        throw new PayloadException(
            ErrorCode.MALFORMED_AVRO,
            left
                + " of "
                + bodyLength
                + " Avro body bytes (schema id "
                + id
                + ") left over after the record was decoded");
      }
    } catch (IOException e) {
      throw new PayloadException(ErrorCode.MALFORMED_AVRO, "Cannot check the end of the body", e);
    }
  }

  private SpecificDatumReader<T> newReader(int id) {
    Schema writer = writerSchema(id);
    Schema reader = readerSchema(writer, id);
    SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new PayloadException(
          ErrorCode.SCHEMA_MISMATCH,
          "Schema id "
              + id
              + " ("
              + writer.getFullName()
              + ") cannot be read as "
              + reader.getFullName()
              + ": "
              + compatibility.getResult().getIncompatibilities());
    }
    return new SpecificDatumReader<>(writer, reader);
  }

  private Schema writerSchema(int id) {
    try {
      return client.schemaById(id);
    } catch (RegistryException e) {
      throw RegistryErrors.toPayloadException(
          e, ErrorCode.UNKNOWN_SCHEMA_ID, "Schema id " + id + " (from the payload header)");
    }
  }

  private Schema readerSchema(Schema writer, int id) {
    Class<?> readerClass = type != null ? type : SpecificData.get().getClass(writer);
    if (readerClass == null || writer.getType() != Schema.Type.RECORD) {
      throw new PayloadException(
          ErrorCode.SCHEMA_MISMATCH,
          "Schema id " + id + " is " + writer.getFullName() + ", which has no generated class");
    }
    Schema reader = SpecificData.get().getSchema(readerClass);
    if (!reader.getFullName().equals(writer.getFullName())
        && !reader.getAliases().contains(writer.getFullName())) {
      throw new PayloadException(
          ErrorCode.SCHEMA_MISMATCH,
          "Schema id "
              + id
              + " is "
              + writer.getFullName()
              + ", but this deserializer reads "
              + reader.getFullName());
    }
    return reader;
  }
}
