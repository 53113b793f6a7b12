package io.github.rela.model.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * The cross-attention of a final hypothesis, with only its non-zero weights: for each target token
 * and each layer and head (or one averaged row, by {@link AttentionView}) the attended source
 * positions and their weights.
 *
 * <p>Shapes: T target tokens (EOS excluded), S source tokens (EOS included, padding excluded), L
 * decoder layers, H heads; the averaged views have {@code layers == heads == 1}.
 *
 * @param view what the rows are
 * @param layers L, or 1
 * @param heads H, or 1
 * @param targetLength T
 * @param sourceLength S
 * @param rows layer-major, then head, then target token: [layers * heads * T]
 */
public record SparseAttention(
    AttentionView view,
    int layers,
    int heads,
    int targetLength,
    int sourceLength,
    List<SparseRow> rows) {

  /** The row of {@code target} in {@code layer} and {@code head} (0 and 0 for averaged views). */
  public SparseRow row(int layer, int head, int target) {
    return rows.get((layer * heads + head) * targetLength + target);
  }

  /**
   * Builds the view of the dense attention of one hypothesis.
   *
   * @param dense for each target token, [L * H * S] layer-major
   */
  static SparseAttention of(
      AttentionView view, List<float[]> dense, int layers, int heads, int sourceLength) {
    int targets = dense.size();
    List<SparseRow> rows = new ArrayList<>();
    if (view == AttentionView.HEADS) {
      for (int block = 0; block < layers * heads; block++) {
        for (float[] token : dense) {
          rows.add(SparseRow.of(token, block * sourceLength, sourceLength));
        }
      }
      return new SparseAttention(view, layers, heads, targets, sourceLength, List.copyOf(rows));
    }
    for (float[] averaged : averaged(view, dense, layers, heads, sourceLength)) {
      rows.add(SparseRow.of(averaged, 0, sourceLength));
    }
    return new SparseAttention(view, 1, 1, targets, sourceLength, List.copyOf(rows));
  }

  /**
   * The mean over the heads of the last layer or over every layer and head ({@link
   * AttentionView#HEADS} is read as the last layer).
   *
   * @return [T][S]
   */
  static float[][] averaged(
      AttentionView view, List<float[]> dense, int layers, int heads, int sourceLength) {
    int firstBlock = view == AttentionView.ALL_LAYERS ? 0 : (layers - 1) * heads;
    int blocks = layers * heads - firstBlock;
    float[][] mean = new float[dense.size()][sourceLength];
    for (int t = 0; t < dense.size(); t++) {
      float[] token = dense.get(t);
      for (int block = firstBlock; block < layers * heads; block++) {
        for (int s = 0; s < sourceLength; s++) {
          mean[t][s] += token[block * sourceLength + s] / blocks;
        }
      }
    }
    return mean;
  }
}
