package io.github.rela.streams.replay;

import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Scorable;
import io.github.rela.model.translate.SparseAttention;
import io.github.rela.model.translate.SparseRow;
import io.github.rela.model.translate.Translation;
import io.github.rela.schemas.avro.AlignmentEntry;
import io.github.rela.schemas.avro.TranslationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A replayed sentence as the report needs it: what evaluation scores, and the cross-attention for
 * the heatmaps of the worst sentences; from the model's translation or from a result read back.
 *
 * @param estimate the quality estimate, null when the model or the result has none
 */
public record ReplayedTranslation(
    String source,
    String translation,
    List<String> sourceTokens,
    List<String> targetTokens,
    double score,
    double nullRate,
    double sparsity,
    SparseAttention attention,
    QualityEstimate estimate)
    implements Scorable {

  @Override
  public OptionalDouble qualityEstimate() {
    return estimate == null ? OptionalDouble.empty() : OptionalDouble.of(estimate.quality());
  }

  static ReplayedTranslation of(Translation t) {
    return new ReplayedTranslation(
        t.source(),
        t.translation(),
        t.sourceTokens(),
        t.targetTokens(),
        t.score(),
        t.nullRate(),
        t.sparsity(),
        t.attention(),
        t.quality().estimate());
  }

  /** A result the app produced; its alignment entries are the last layer's sparse attention. */
  static ReplayedTranslation of(TranslationResult r) {
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
    return new ReplayedTranslation(
        r.getSourceText(),
        r.getTranslation(),
        r.getSourceTokens(),
        r.getTargetTokens(),
        r.getScore(),
        r.getNullRate(),
        r.getSparsity(),
        new SparseAttention(
            AttentionView.LAST_LAYER, 1, 1, r.getTargetTokens().size(), sourceLength, rows),
        estimate(r));
  }

  /** The estimate a result carries, flagged as the app flagged it (by whichever rule). */
  private static QualityEstimate estimate(TranslationResult r) {
    if (r.getQuality() == null) {
      return null;
    }
    double bad = r.getBadProbability() == null ? Double.NaN : r.getBadProbability();
    return new QualityEstimate(r.getQuality(), bad, r.getLowConfidence(), Double.NaN);
  }
}
