package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/** Reads {@link TranslationResult} records; nameable in a consumer's {@code value.deserializer}. */
public class TranslationResultDeserializer extends SpecificAvroDeserializer<TranslationResult> {

  public TranslationResultDeserializer() {
    this(null);
  }

  public TranslationResultDeserializer(SchemaRegistryClient client) {
    super(TranslationResult.class, client);
  }
}
