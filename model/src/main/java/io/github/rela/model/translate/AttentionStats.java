package io.github.rela.model.translate;

import java.util.List;

/**
 * Counts over the dense cross-attention of one hypothesis (every layer, head and target token;
 * unpadded source positions only).
 *
 * @param nullRate share of all-zero rows: attention that attended to nothing (ReLA's null
 *     attention, the low-confidence signal)
 * @param sparsity share of exactly-zero weights
 */
public record AttentionStats(double nullRate, double sparsity) {

  /**
   * Counts {@code dense}.
   *
   * @param dense for each target token, [L * H * S] layer-major
   * @param blocks L * H
   * @param sourceLength S
   */
  static AttentionStats of(List<float[]> dense, int blocks, int sourceLength) {
    long rows = 0;
    long nullRows = 0;
    long zeros = 0;
    for (float[] token : dense) {
      for (int block = 0; block < blocks; block++) {
        int rowZeros = 0;
        for (int s = 0; s < sourceLength; s++) {
          if (token[block * sourceLength + s] == 0f) {
            rowZeros++;
          }
        }
        rows++;
        zeros += rowZeros;
        if (rowZeros == sourceLength) {
          nullRows++;
        }
      }
    }
    if (rows == 0) {
      return new AttentionStats(0, 0);
    }
    return new AttentionStats(
        nullRows / (double) rows, zeros / (double) (rows * (long) sourceLength));
  }
}
