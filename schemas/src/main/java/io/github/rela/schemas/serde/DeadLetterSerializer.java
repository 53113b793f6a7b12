package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/** Writes {@link DeadLetter} records; nameable in a producer's {@code value.serializer}. */
public class DeadLetterSerializer extends SpecificAvroSerializer<DeadLetter> {

  public DeadLetterSerializer() {
    this(null);
  }

  public DeadLetterSerializer(SchemaRegistryClient client) {
    super(client);
  }
}
