package io.github.rela.schemas.serde;

import io.github.rela.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer} as one Kafka {@link Serde}, a
 * drop-in for Confluent's {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde}: same
 * configuration keys, same bytes.
 *
 * @param <T> the record type
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  /** For configuration by class name; the read type comes from the writer's schema. */
  public SpecificAvroSerde() {
    this(new SpecificAvroSerializer<>(), new SpecificAvroDeserializer<>());
  }

  /** For the given type and registry client. */
  public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
    this(new SpecificAvroSerializer<>(client), new SpecificAvroDeserializer<>(type, client));
  }

  protected SpecificAvroSerde(
      SpecificAvroSerializer<T> serializer, SpecificAvroDeserializer<T> deserializer) {
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public SpecificAvroSerializer<T> serializer() {
    return serializer;
  }

  @Override
  public SpecificAvroDeserializer<T> deserializer() {
    return deserializer;
  }
}
