package io.github.rela.streams.eval;

import io.github.rela.model.quality.QualityReport;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.SparseAttention;
import io.github.rela.model.translate.SparseRow;
import io.github.rela.model.translate.Translation;
import io.github.rela.schemas.avro.AlignmentEntry;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.TranslationResultDeserializer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the results the streaming app already produced (e.g. the results and low-confidence
 * topics), by assignment and without committing, so that a replay can score them instead of
 * translating again.
 */
public final class ResultsReader {

  private final Map<String, Object> settings;

  public ResultsReader(Map<String, Object> settings) {
    this.settings = new HashMap<>(settings);
  }

  /** Every committed result of {@code topics} present now, by request id (the last one wins). */
  public Map<String, TranslationResult> read(List<String> topics) {
    Map<String, Object> config = GrouplessReads.consumerConfig(settings);
    Map<String, TranslationResult> results = new HashMap<>();
    try (TranslationResultDeserializer values = new TranslationResultDeserializer();
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      values.configure(settings, false);
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      GrouplessReads.drain(
          consumer,
          partitions,
          ends,
          r -> {
            TranslationResult result = values.deserialize(r.topic(), r.value());
            results.put(result.getRequestId(), result);
          });
    }
    return results;
  }

  /** A produced result in the shape of the model's {@link Translation}, for scoring. */
  static Translation asTranslation(TranslationResult r) {
    int sourceLength = r.getSourceTokens().size();
    Map<Integer, List<AlignmentEntry>> byTarget = new HashMap<>();
    for (AlignmentEntry e : r.getAlignment()) {
      byTarget.computeIfAbsent(e.getTargetIndex(), t -> new ArrayList<>()).add(e);
      sourceLength = Math.max(sourceLength, e.getSourceIndex() + 1);
    }
    List<SparseRow> rows = new ArrayList<>();
    for (int t = 0; t < r.getTargetTokens().size(); t++) {
      List<AlignmentEntry> entries = byTarget.getOrDefault(t, List.of());
      int[] positions = new int[entries.size()];
      float[] weights = new float[entries.size()];
      for (int k = 0; k < entries.size(); k++) {
        positions[k] = entries.get(k).getSourceIndex();
        weights[k] = entries.get(k).getWeight();
      }
      rows.add(new SparseRow(positions, weights));
    }
    return new Translation(
        r.getSourceText(),
        r.getTranslation(),
        r.getSourceTokens(),
        r.getTargetTokens(),
        Double.NaN,
        r.getScore(),
        new SparseAttention(
            AttentionView.LAST_LAYER, 1, 1, r.getTargetTokens().size(), sourceLength, rows),
        List.of(),
        r.getNullRate(),
        r.getSparsity(),
        false,
        QualityReport.NONE);
  }
}
