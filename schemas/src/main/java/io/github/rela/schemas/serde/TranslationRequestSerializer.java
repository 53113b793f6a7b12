package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/** Writes {@link TranslationRequest} records; nameable in a producer's {@code value.serializer}. */
public class TranslationRequestSerializer extends SpecificAvroSerializer<TranslationRequest> {

  public TranslationRequestSerializer() {
    this(null);
  }

  public TranslationRequestSerializer(SchemaRegistryClient client) {
    super(client);
  }
}
