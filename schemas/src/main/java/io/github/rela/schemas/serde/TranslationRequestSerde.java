package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/**
 * The {@link TranslationRequest} serde; nameable in a Kafka Streams config ({@code
 * default.value.serde}).
 */
public class TranslationRequestSerde extends SpecificAvroSerde<TranslationRequest> {

  public TranslationRequestSerde() {
    this(null);
  }

  public TranslationRequestSerde(SchemaRegistryClient client) {
    super(new TranslationRequestSerializer(client), new TranslationRequestDeserializer(client));
  }
}
