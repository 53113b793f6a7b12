package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/**
 * The {@link DeadLetter} serde; nameable in a Kafka Streams config ({@code default.value.serde}).
 */
public class DeadLetterSerde extends SpecificAvroSerde<DeadLetter> {

  public DeadLetterSerde() {
    this(null);
  }

  public DeadLetterSerde(SchemaRegistryClient client) {
    super(new DeadLetterSerializer(client), new DeadLetterDeserializer(client));
  }
}
