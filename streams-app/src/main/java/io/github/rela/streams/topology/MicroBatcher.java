package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.Latencies;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.error.DeadLetters;
import io.github.rela.streams.inference.BatchTranslator;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.inference.TranslatedSentence;
import io.github.rela.streams.inference.TranslatorRegistry;
import io.github.rela.streams.metrics.TranslationMetrics;
import io.github.rela.streams.retry.Retrier;
import io.github.rela.streams.retry.RetryLimitExceededException;
import io.github.rela.streams.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Collects validated requests in a changelogged store and translates them in batches: when the
 * buffer holds {@code batchSize} requests, or when a wall-clock punctuator finds the oldest one
 * waiting for {@code linger}. Under exactly-once the buffer, the outputs and the input offsets
 * commit in one transaction, so a crash neither loses nor duplicates a request. A batch never spans
 * tasks: each task (input partition) has its own buffer.
 *
 * <p>Each result goes to the results topic, or, when a low-confidence rule matches, to the
 * low-confidence topic (or to both, by option). A batch that fails for a transient reason (the
 * engine out of memory) is translated again after a backoff ({@link Retrier}), never dead-lettered.
 * A batch that fails otherwise is translated again sentence by sentence, so that only a sentence
 * that fails on its own goes to the dead-letter topic, with the reason.
 */
final class MicroBatcher implements Processor<byte[], BufferedRequest, byte[], Outcome> {

  private final TranslatorRegistry registry;
  private final LanguagePair defaultPair;
  private final int batchSize;
  private final Duration linger;
  private final LowConfidenceRules rules;
  private final boolean lowConfidenceToBoth;
  private final RetryPolicy retryPolicy;
  private final Map<LanguagePair, BatchTranslator> translators = new HashMap<>();
  private ProcessorContext<byte[], Outcome> context;
  private KeyValueStore<Long, BufferedRequest> buffer;
  private TranslationMetrics metrics;
  private Retrier retrier;
  private long nextSequence;
  private int buffered;
  private long oldestBufferedAt = Long.MAX_VALUE;

  MicroBatcher(
      TranslatorRegistry registry,
      LanguagePair defaultPair,
      int batchSize,
      Duration linger,
      LowConfidenceRules rules,
      boolean lowConfidenceToBoth,
      RetryPolicy retryPolicy) {
    this.registry = registry;
    this.defaultPair = defaultPair;
    this.batchSize = batchSize;
    this.linger = linger;
    this.rules = rules;
    this.lowConfidenceToBoth = lowConfidenceToBoth;
    this.retryPolicy = retryPolicy;
  }

  @Override
  public void init(ProcessorContext<byte[], Outcome> context) {
    this.context = context;
    this.buffer = context.getStateStore(TopologyNames.BUFFER_STORE);
    this.metrics = TranslationMetrics.of(context);
    this.retrier = new Retrier(retryPolicy, fault -> metrics.retry(fault.tag()));
    recoverBufferState();
    // Check the deadline a few times per linger, so a partial batch waits at most ~1.25 linger.
    Duration interval = Duration.ofMillis(Math.max(1, linger.toMillis() / 4));
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> flushIfLingered(now));
  }

  @Override
  public void process(Record<byte[], BufferedRequest> record) {
    BufferedRequest request = record.value();
    buffer.put(nextSequence++, request);
    buffered++;
    oldestBufferedAt = Math.min(oldestBufferedAt, request.bufferedAtMillis());
    if (buffered >= batchSize) {
      flush();
    }
  }

  /** After a restart the buffer holds what the changelog restored: count it again. */
  private void recoverBufferState() {
    try (KeyValueIterator<Long, BufferedRequest> all = buffer.all()) {
      while (all.hasNext()) {
        KeyValue<Long, BufferedRequest> entry = all.next();
        nextSequence = Math.max(nextSequence, entry.key + 1);
        buffered++;
        oldestBufferedAt = Math.min(oldestBufferedAt, entry.value.bufferedAtMillis());
      }
    }
  }

  private void flushIfLingered(long now) {
    if (buffered > 0 && now - oldestBufferedAt >= linger.toMillis()) {
      flush();
    }
    closeReplaced();
  }

  /**
   * Closes the translators of models that a hot swap replaced, so that an idle task does not keep
   * an old model's memory; the next batch opens a translator of the serving model.
   */
  private void closeReplaced() {
    translators
        .values()
        .removeIf(
            translator -> {
              if (translator.replaced()) {
                translator.close();
                return true;
              }
              return false;
            });
  }

  /** Translates everything buffered, one language pair at a time, and empties the buffer. */
  private void flush() {
    Map<LanguagePair, List<KeyValue<Long, BufferedRequest>>> byPair = new LinkedHashMap<>();
    try (KeyValueIterator<Long, BufferedRequest> all = buffer.all()) {
      while (all.hasNext()) {
        KeyValue<Long, BufferedRequest> entry = all.next();
        LanguagePair pair = RequestValidator.pairOf(entry.value.request(), defaultPair);
        byPair.computeIfAbsent(pair, p -> new ArrayList<>()).add(entry);
      }
    }
    for (Map.Entry<LanguagePair, List<KeyValue<Long, BufferedRequest>>> group : byPair.entrySet()) {
      List<KeyValue<Long, BufferedRequest>> entries = group.getValue();
      for (int from = 0; from < entries.size(); from += batchSize) {
        List<KeyValue<Long, BufferedRequest>> batch =
            entries.subList(from, Math.min(entries.size(), from + batchSize));
        translateBatch(group.getKey(), batch);
        batch.forEach(entry -> buffer.delete(entry.key));
      }
    }
    buffered = 0;
    oldestBufferedAt = Long.MAX_VALUE;
  }

  private void translateBatch(LanguagePair pair, List<KeyValue<Long, BufferedRequest>> batch) {
    List<String> sources = batch.stream().map(e -> e.value.request().getText()).toList();
    long start = System.currentTimeMillis();
    List<TranslatedSentence> translations;
    BatchTranslator translator;
    try {
      translator = retrier.call("Opening the " + pair + " model", () -> translator(pair));
      translations =
          retrier.call(
              "Translating a batch of " + batch.size() + " " + pair,
              () -> translator.translate(sources));
    } catch (RetryLimitExceededException e) {
      throw e;
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        batch.forEach(entry -> translateBatch(pair, List.of(entry)));
      } else {
        deadLetter(batch.get(0).value, e);
      }
      return;
    }
    long decodeMillis = System.currentTimeMillis() - start;
    metrics.batch(batch.size(), decodeMillis);
    for (int i = 0; i < batch.size(); i++) {
      emit(
          batch.get(i).value,
          translations.get(i),
          translator,
          pair,
          start,
          decodeMillis,
          batch.size());
    }
  }

  private void emit(
      BufferedRequest buffered,
      TranslatedSentence translation,
      BatchTranslator translator,
      LanguagePair pair,
      long decodeStart,
      long decodeMillis,
      int batchSize) {
    Optional<String> lowConfidence = rules.reason(translation);
    long now = System.currentTimeMillis();
    TranslationResult result =
        TranslationResults.of(
            buffered.request(),
            translation,
            pair,
            lowConfidence,
            translator.modelInfo(),
            translator.decodingSettings(),
            new Latencies(
                Math.max(0, decodeStart - buffered.timestamp()),
                decodeMillis,
                Math.max(0, now - buffered.timestamp()),
                batchSize),
            Instant.ofEpochMilli(now));
    metrics.translation(translation.nullRate(), lowConfidence.isPresent());
    if (lowConfidence.isEmpty() || lowConfidenceToBoth) {
      forward(buffered, new Outcome.Translated(result), TopologyNames.RESULTS_SINK);
    }
    if (lowConfidence.isPresent()) {
      forward(buffered, new Outcome.Translated(result), TopologyNames.LOW_CONFIDENCE_SINK);
    }
  }

  private void deadLetter(BufferedRequest request, RuntimeException error) {
    DeadLetter letter =
        DeadLetters.forRecord(request.topic(), request.partition(), request.offset())
            .recordTimestamp(Instant.ofEpochMilli(request.timestamp()))
            .key(request.key())
            .value(request.value())
            .headers(headers(request))
            .error(error, ErrorCode.TRANSLATION_FAILED)
            .build();
    metrics.deadLetter();
    forward(request, new Outcome.Rejected(letter), TopologyNames.DEAD_LETTER_SINK);
  }

  private void forward(BufferedRequest request, Outcome value, String child) {
    context.forward(
        new Record<>(request.key(), value, request.timestamp(), headers(request)), child);
  }

  private static RecordHeaders headers(BufferedRequest request) {
    RecordHeaders headers = new RecordHeaders();
    request.headers().forEach(h -> headers.add(h.getKey(), h.getValue()));
    return headers;
  }

  /**
   * The translator of the model serving {@code pair}; a swap takes effect here, between batches.
   */
  private BatchTranslator translator(LanguagePair pair) {
    closeReplaced();
    BatchTranslator translator = translators.get(pair);
    if (translator == null) {
      translator =
          registry
              .open(pair)
              .orElseThrow(() -> new IllegalStateException("No model translates " + pair));
      translators.put(pair, translator);
    }
    return translator;
  }

  @Override
  public void close() {
    translators.values().forEach(BatchTranslator::close);
    translators.clear();
  }
}
