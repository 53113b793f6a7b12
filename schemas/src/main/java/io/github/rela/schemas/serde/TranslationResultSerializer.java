package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/** Writes {@link TranslationResult} records; nameable in a producer's {@code value.serializer}. */
public class TranslationResultSerializer extends SpecificAvroSerializer<TranslationResult> {

  public TranslationResultSerializer() {
    this(null);
  }

  public TranslationResultSerializer(SchemaRegistryClient client) {
    super(client);
  }
}
