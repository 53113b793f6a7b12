package io.github.rela.model.decoding;

import java.nio.FloatBuffer;

/**
 * Each row's k largest values of a row-major [R, C] array and their columns, best first, found on
 * the host, skipping forbidden columns.
 *
 * <p>Why not the engine's top-k: PyTorch's CPU kernel copies every row into (value, index) pairs
 * and heap-sorts them, about 6 ns per element at [128, 3379]. One pass here over the engine's own
 * memory keeps the k best in a sorted run, and nearly every element fails the first comparison.
 *
 * <p>Ties keep the lower column first.
 */
final class RowTop {
  private final int perRow;
  private final int[] columns;
  private final float[] values;

  private RowTop(int perRow, int[] columns, float[] values) {
    this.perRow = perRow;
    this.columns = columns;
    this.values = values;
  }

  /**
   * Selects the best {@code k} allowed columns of every row.
   *
   * @param data [rows, width] row-major
   * @param forbidden per column, whether it may never be selected, [width]
   * @param k at most the number of allowed columns
   */
  static RowTop of(FloatBuffer data, int rows, int width, boolean[] forbidden, int k) {
    int[] columns = new int[rows * k];
    float[] values = new float[rows * k];
    for (int row = 0; row < rows; row++) {
      selectRow(data, row * width, width, forbidden, k, columns, values, row * k);
    }
    return new RowTop(k, columns, values);
  }

  /** Keeps the k best of one row in {@code values[out .. out + k)}, sorted, with their columns. */
  private static void selectRow(
      FloatBuffer data,
      int start,
      int width,
      boolean[] forbidden,
      int k,
      int[] columns,
      float[] values,
      int out) {
    int column = 0;
    for (int filled = 0; filled < k; column++) { // the first k allowed columns, sorted
      if (!forbidden[column]) {
        insert(data.get(start + column), column, filled++, columns, values, out);
      }
    }
    float floor = values[out + k - 1]; // the k-th best so far
    for (; column < width; column++) {
      float value = data.get(start + column);
      if (value > floor && !forbidden[column]) { // rare: most values are below the k-th best
        insert(value, column, k - 1, columns, values, out);
        floor = values[out + k - 1];
      }
    }
  }

  /** Puts {@code value} into the sorted run, from {@code slot} (free or dropped) upwards. */
  private static void insert(
      float value, int column, int slot, int[] columns, float[] values, int out) {
    while (slot > 0 && values[out + slot - 1] < value) { // strictly: ties keep earlier columns
      values[out + slot] = values[out + slot - 1];
      columns[out + slot] = columns[out + slot - 1];
      slot--;
    }
    values[out + slot] = value;
    columns[out + slot] = column;
  }

  /** Candidates per row. */
  int perRow() {
    return perRow;
  }

  /** The column of {@code row}'s {@code rank}-th best value (0 = best). */
  int column(int row, int rank) {
    return columns[row * perRow + rank];
  }

  /** {@code row}'s {@code rank}-th best value. */
  float value(int row, int rank) {
    return values[row * perRow + rank];
  }
}
