package io.github.rela.model.translate;

/**
 * The non-zero weights of one attention row (one target token, one layer and head or an average).
 * An empty row is a null attention: the token attended to nothing.
 *
 * @param positions source positions with a non-zero weight, ascending
 * @param weights their weights, in the same order
 */
public record SparseRow(int[] positions, float[] weights) {

  /** The non-zero entries of {@code dense[offset .. offset + length)}. */
  static SparseRow of(float[] dense, int offset, int length) {
    int count = 0;
    for (int s = 0; s < length; s++) {
      if (dense[offset + s] != 0f) {
        count++;
      }
    }
    int[] positions = new int[count];
    float[] weights = new float[count];
    int next = 0;
    for (int s = 0; s < length; s++) {
      float weight = dense[offset + s];
      if (weight != 0f) {
        positions[next] = s;
        weights[next++] = weight;
      }
    }
    return new SparseRow(positions, weights);
  }

  /** True when every weight of the row is zero. */
  public boolean isNull() {
    return positions.length == 0;
  }
}
