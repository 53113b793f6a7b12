package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.error.DeadLetters;
import io.github.rela.schemas.serde.RequestIds;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.metrics.TranslationMetrics;
import io.github.rela.streams.retry.Retrier;
import io.github.rela.streams.retry.RetryLimitExceededException;
import io.github.rela.streams.retry.RetryPolicy;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of the topology: turns raw input bytes into a request, or into a dead letter that
 * names what is wrong. A valid request goes on to the micro-batcher with its key, headers,
 * timestamp and input coordinates; nothing is dropped silently. When the schema registry is
 * unavailable the record is not a dead letter: the thread waits and reads it again ({@link
 * Retrier}).
 */
final class RequestValidator implements Processor<byte[], byte[], byte[], Outcome> {

  private final Supplier<Deserializer<TranslationRequest>> deserializers;
  private final Set<LanguagePair> pairs;
  private final LanguagePair defaultPair;
  private final int maxChars;
  private final RetryPolicy retryPolicy;
  private Retrier retrier;
  private Deserializer<TranslationRequest> deserializer;
  private ProcessorContext<byte[], Outcome> context;
  private TranslationMetrics metrics;

  RequestValidator(
      Supplier<Deserializer<TranslationRequest>> deserializers,
      Set<LanguagePair> pairs,
      LanguagePair defaultPair,
      int maxChars,
      RetryPolicy retryPolicy) {
    this.deserializers = deserializers;
    this.pairs = Set.copyOf(pairs);
    this.defaultPair = defaultPair;
    this.maxChars = maxChars;
    this.retryPolicy = retryPolicy;
  }

  @Override
  public void init(ProcessorContext<byte[], Outcome> context) {
    this.context = context;
    this.deserializer = deserializers.get();
    this.metrics = TranslationMetrics.of(context);
    this.retrier = new Retrier(retryPolicy, fault -> metrics.retry(fault.tag()));
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    TranslationRequest request;
    try {
      request =
          retrier.call(
              "Reading "
                  + RequestIds.fromCoordinates(source.topic(), source.partition(), source.offset()),
              () -> deserializer.deserialize(source.topic(), record.value()));
    } catch (RetryLimitExceededException e) {
      throw e;
    } catch (RuntimeException e) {
      reject(record, deadLetter(record, source).error(e, ErrorCode.UNKNOWN));
      return;
    }
    if (request == null) {
      reject(
          record,
          deadLetter(record, source).error(ErrorCode.EMPTY_PAYLOAD, "Payload is null (tombstone)"));
      return;
    }
    if (RequestIds.isMissing(request)) {
      request.setId(
          RequestIds.fromCoordinates(source.topic(), source.partition(), source.offset()));
    }
    Rejection rejection = check(request);
    if (rejection != null) {
      reject(record, deadLetter(record, source).error(rejection.code(), rejection.message()));
      return;
    }
    BufferedRequest buffered =
        new BufferedRequest(
            request,
            record.key(),
            record.value(),
            headersOf(record),
            record.timestamp(),
            source.topic(),
            source.partition(),
            source.offset(),
            System.currentTimeMillis());
    context.forward(record.<Outcome>withValue(buffered), TopologyNames.BATCHER);
  }

  /** Why a decoded request cannot be translated. */
  private record Rejection(ErrorCode code, String message) {}

  /** The first problem of a decoded request, or null if it is valid. */
  private Rejection check(TranslationRequest request) {
    String text = request.getText();
    if (text.isBlank()) {
      return new Rejection(
          ErrorCode.EMPTY_TEXT, "Request " + request.getId() + " has no text to translate");
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxChars) {
      return new Rejection(
          ErrorCode.TEXT_TOO_LONG,
          "Request "
              + request.getId()
              + " has "
              + length
              + " characters, more than the limit of "
              + maxChars
              + " (rela.input.max.chars)");
    }
    LanguagePair pair;
    try {
      pair = pairOf(request, defaultPair);
    } catch (IllegalArgumentException e) {
      return new Rejection(ErrorCode.UNSUPPORTED_LANGUAGE_PAIR, e.getMessage());
    }
    if (!pairs.contains(pair)) {
      return new Rejection(
          ErrorCode.UNSUPPORTED_LANGUAGE_PAIR,
          "No model translates "
              + pair
              + "; this application serves "
              + pairs.stream().map(LanguagePair::toString).sorted().toList());
    }
    return null;
  }

  /** The request's languages, each falling back to the default pair's. */
  static LanguagePair pairOf(TranslationRequest request, LanguagePair defaultPair) {
    String source = request.getSourceLanguage();
    String target = request.getTargetLanguage();
    return new LanguagePair(
        source == null || source.isBlank() ? defaultPair.source() : source,
        target == null || target.isBlank() ? defaultPair.target() : target);
  }

  /** A dead letter holding the original record byte for byte, waiting for its reason. */
  private static DeadLetters.Builder deadLetter(
      Record<byte[], byte[]> record, RecordMetadata source) {
    return DeadLetters.forRecord(source.topic(), source.partition(), source.offset())
        .recordTimestamp(Instant.ofEpochMilli(record.timestamp()))
        .key(record.key())
        .value(record.value())
        .headers(record.headers());
  }

  private void reject(Record<byte[], byte[]> record, DeadLetters.Builder letter) {
    DeadLetter built = letter.build();
    metrics.deadLetter();
    context.forward(
        record.<Outcome>withValue(new Outcome.Rejected(built)), TopologyNames.DEAD_LETTER_SINK);
  }

  static List<Map.Entry<String, byte[]>> headersOf(Record<?, ?> record) {
    List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(new AbstractMap.SimpleImmutableEntry<>(header.key(), header.value()));
    }
    return headers;
  }

  @Override
  public void close() {
    if (deserializer != null) {
      deserializer.close();
    }
  }
}
