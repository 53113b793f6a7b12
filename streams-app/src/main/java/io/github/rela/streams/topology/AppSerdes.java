package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.DeadLetterSerde;
import io.github.rela.schemas.serde.PlainTextRequests;
import io.github.rela.schemas.serde.SerdeConfig;
import io.github.rela.schemas.serde.TranslationRequestSerde;
import io.github.rela.schemas.serde.TranslationResultSerde;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;

/**
 * The value serdes of the topology, as configured: our Confluent-wire-format serdes by default, or
 * any {@code Serde} class named by {@code rela.serde.*} (Confluent's {@code SpecificAvroSerde}, for
 * one). Each is configured with the application's Kafka settings, where {@code schema.registry.url}
 * and the other registry settings live.
 */
public final class AppSerdes {

  private final Map<String, Object> settings;
  private final RelaStreamsConfig config;

  public AppSerdes(AppSettings app) {
    this.settings = new HashMap<>(app.kafka());
    this.config = app.rela();
  }

  /** A new, configured request deserializer each call: one per task. */
  public Supplier<Deserializer<TranslationRequest>> requestDeserializers() {
    String format = config.getString(RelaStreamsConfig.INPUT_FORMAT);
    if ("text".equals(format)) {
      return () -> (topic, bytes) -> bytes == null ? null : PlainTextRequests.decode(bytes);
    }
    return () -> {
      Map<String, Object> configs = new HashMap<>(settings);
      configs.put(SerdeConfig.PLAIN_TEXT_INPUT, "auto".equals(format));
      return this.<TranslationRequest>serde(
              RelaStreamsConfig.REQUEST_SERDE, TranslationRequestSerde::new, configs)
          .deserializer();
    };
  }

  public Serde<TranslationResult> resultSerde() {
    return serde(RelaStreamsConfig.RESULT_SERDE, TranslationResultSerde::new, settings);
  }

  public Serde<DeadLetter> deadLetterSerde() {
    return serde(RelaStreamsConfig.DEAD_LETTER_SERDE, DeadLetterSerde::new, settings);
  }

  @SuppressWarnings("unchecked")
  private <T> Serde<T> serde(
      String key, Supplier<? extends Serde<T>> builtIn, Map<String, Object> configs) {
    Class<?> named = config.getClass(key);
    Serde<T> serde =
        named == null ? builtIn.get() : (Serde<T>) Utils.newInstance(named, Serde.class);
    serde.configure(configs, false);
    return serde;
  }
}
