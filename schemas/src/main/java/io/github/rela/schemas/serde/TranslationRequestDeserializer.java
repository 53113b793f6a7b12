package io.github.rela.schemas.serde;

import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.registry.SchemaRegistryClient;

/**
 * Reads translation requests that are either Avro in Confluent's wire format (first byte 0) or,
 * unless {@code rela.plain.text.input=false}, plain UTF-8 text ({@link PlainTextRequests}: the
 * request id is then null, to be filled by {@link RequestIds#fromCoordinates}).
 */
public class TranslationRequestDeserializer extends SpecificAvroDeserializer<TranslationRequest> {

  public TranslationRequestDeserializer() {
    this(null);
  }

  public TranslationRequestDeserializer(SchemaRegistryClient client) {
    super(TranslationRequest.class, client);
  }

  @Override
  public TranslationRequest deserialize(String topic, byte[] payload) {
    if (payload != null
        && payload.length > 0
        && !WireFormat.looksLikeAvro(payload)
        && config().plainTextInput()) {
      return PlainTextRequests.decode(payload);
    }
    return super.deserialize(topic, payload);
  }
}
