package io.github.rela.streams.it;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.MockSchemaRegistry;
import io.github.rela.schemas.serde.DeadLetterDeserializer;
import io.github.rela.schemas.serde.RequestIds;
import io.github.rela.schemas.serde.Subjects;
import io.github.rela.schemas.serde.TranslationResultDeserializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The request ids found in the output topics, with how often each was found: results by their
 * request id, dead letters by the input coordinates they keep (and their reasons).
 */
final class OutputIds {

  private final String deadLetterTopic;
  private final TranslationResultDeserializer results = new TranslationResultDeserializer();
  private final DeadLetterDeserializer letters = new DeadLetterDeserializer();
  final Map<String, Integer> counts = new TreeMap<>();
  final Map<String, ErrorCode> deadLetters = new HashMap<>();

  /**
   * @param registryUrl where the application's output schemas are registered; an in-memory registry
   *     of another JVM is rebuilt here (its ids are schema fingerprints, the same here)
   */
  OutputIds(String registryUrl, String deadLetterTopic) {
    this.deadLetterTopic = deadLetterTopic;
    if (registryUrl.startsWith("mock://")) {
      var mock = MockSchemaRegistry.forScope(registryUrl.substring("mock://".length()));
      mock.register(Subjects.of("translation-results", false), TranslationResult.getClassSchema());
      mock.register(
          Subjects.of("translation-low-confidence", false), TranslationResult.getClassSchema());
      mock.register(Subjects.of(deadLetterTopic, false), DeadLetter.getClassSchema());
    }
    Map<String, Object> registry = Map.of("schema.registry.url", registryUrl);
    results.configure(registry, false);
    letters.configure(registry, false);
  }

  /** Counts the ids of {@code records}. */
  OutputIds count(List<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      counts.merge(idOf(record), 1, Integer::sum);
    }
    return this;
  }

  /** The ids found other than exactly once: missing (0) or duplicated (2 or more). */
  Map<String, Integer> notExactlyOnce(List<String> expected) {
    Map<String, Integer> wrong = new TreeMap<>();
    for (String id : expected) {
      int n = counts.getOrDefault(id, 0);
      if (n != 1) {
        wrong.put(id, n);
      }
    }
    counts.keySet().stream()
        .filter(id -> !expected.contains(id))
        .forEach(id -> wrong.put(id, counts.get(id)));
    return wrong;
  }

  String idOf(ConsumerRecord<byte[], byte[]> record) {
    if (record.topic().equals(deadLetterTopic)) {
      DeadLetter letter = letters.deserialize(record.topic(), record.value());
      String id =
          RequestIds.fromCoordinates(letter.getTopic(), letter.getPartition(), letter.getOffset());
      deadLetters.put(id, letter.getErrorCode());
      return id;
    }
    TranslationResult result = results.deserialize(record.topic(), record.value());
    return result.getRequestId();
  }
}
