package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/**
 * The {@link TranslationResult} serde; nameable in a Kafka Streams config ({@code
 * default.value.serde}).
 */
public class TranslationResultSerde extends SpecificAvroSerde<TranslationResult> {

  public TranslationResultSerde() {
    this(null);
  }

  public TranslationResultSerde(SchemaRegistryClient client) {
    super(new TranslationResultSerializer(client), new TranslationResultDeserializer(client));
  }
}
