package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/** Reads {@link DeadLetter} records; nameable in a consumer's {@code value.deserializer}. */
public class DeadLetterDeserializer extends SpecificAvroDeserializer<DeadLetter> {

  public DeadLetterDeserializer() {
    this(null);
  }

  public DeadLetterDeserializer(SchemaRegistryClient client) {
    super(DeadLetter.class, client);
  }
}
