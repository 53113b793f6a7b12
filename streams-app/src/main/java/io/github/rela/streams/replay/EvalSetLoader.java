package io.github.rela.streams.replay;

import io.github.rela.evaluation.corpus.ParallelCorpusReader;
import io.github.rela.evaluation.corpus.SentencePair;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.serde.TranslationRequestSerializer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Loads a parallel test set into a topic as translation requests that carry their references. Ids
 * are the set's name and the line number ({@code test_2016_flickr-000001}), so that a replay can be
 * compared with an earlier one sentence by sentence; the id is also the record key.
 */
public final class EvalSetLoader {

  private final Map<String, Object> producerSettings;

  /** {@code settings}: bootstrap servers, security, {@code schema.registry.url}. */
  public EvalSetLoader(Map<String, Object> settings) {
    this.producerSettings = new HashMap<>(settings);
  }

  /** The id of line {@code line} (1-based) of set {@code name}. */
  public static String id(String name, long line) {
    return String.format("%s-%06d", name, line);
  }

  /**
   * Produces one request per line pair and waits until all are acknowledged.
   *
   * @return the number of requests written
   */
  public long load(
      Path source,
      Path reference,
      String name,
      String sourceLanguage,
      String targetLanguage,
      String topic) {
    Map<String, Object> config = new HashMap<>(producerSettings);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (TranslationRequestSerializer values = new TranslationRequestSerializer();
        KafkaProducer<String, TranslationRequest> producer =
            new KafkaProducer<>(config, new StringSerializer(), values);
        Stream<SentencePair> pairs = ParallelCorpusReader.stream(source, reference)) {
      values.configure(producerSettings, false);
      AtomicReference<Exception> failure = new AtomicReference<>();
      long[] count = {0};
      pairs.forEach(
          pair -> {
            String id = id(name, pair.line());
            TranslationRequest request =
                TranslationRequest.newBuilder()
                    .setId(id)
                    .setText(pair.source())
                    .setReference(pair.target())
                    .setSourceLanguage(sourceLanguage)
                    .setTargetLanguage(targetLanguage)
                    .setMetadata(Map.of("set", name, "line", Long.toString(pair.line())))
                    .build();
            producer.send(
                new ProducerRecord<>(topic, id, request),
                (metadata, error) -> {
                  if (error != null) {
                    failure.compareAndSet(null, error);
                  }
                });
            count[0]++;
          });
      producer.flush();
      if (failure.get() != null) {
        throw new IllegalStateException(
            "Loading " + name + " into " + topic + " failed", failure.get());
      }
      return count[0];
    }
  }
}
