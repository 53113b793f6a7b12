package io.github.rela.model.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowTopTest {

  @Test
  void picksEachRowsBestAllowedColumnsBestFirst() {
    float[] data = {
      0.5f, 3f, -1f, 2f, 9f, //
      -2f, -3f, -1f, -5f, -4f
    };
    boolean[] forbidden = {false, false, false, false, true};
    RowTop top = RowTop.of(FloatBuffer.wrap(data), 2, 5, forbidden, 3);
    assertEquals(3, top.perRow());
    assertArrayEquals(new int[] {1, 3, 0}, columns(top, 0));
    assertArrayEquals(new int[] {2, 0, 1}, columns(top, 1));
    assertEquals(3f, top.value(0, 0));
    assertEquals(-3f, top.value(1, 2));
  }

  @Test
  void tiesKeepTheLowerColumnFirst() {
    float[] data = {1f, 2f, 2f, 1f, 2f};
    RowTop top = RowTop.of(FloatBuffer.wrap(data), 1, 5, new boolean[5], 4);
    assertArrayEquals(new int[] {1, 2, 4, 0}, columns(top, 0));
  }

  @Test
  void agreesWithAStableSortOnRandomRows() {
    Random random = new Random(7);
    int rows = 50;
    int width = 300;
    float[] data = new float[rows * width];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextInt(400) / 10f - 30f; // coarse values: many ties
    }
    boolean[] forbidden = new boolean[width];
    forbidden[0] = true;
    forbidden[17] = true;
    for (int k : new int[] {1, 10, width - 2}) {
      RowTop top = RowTop.of(FloatBuffer.wrap(data), rows, width, forbidden, k);
      for (int row = 0; row < rows; row++) {
        int base = row * width;
        int[] expected =
            IntStream.range(0, width)
                .filter(column -> !forbidden[column])
                .boxed()
                .sorted(Comparator.comparing((Integer column) -> -data[base + column]))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
        assertArrayEquals(expected, columns(top, row), "row " + row + ", k " + k);
      }
    }
  }

  private static int[] columns(RowTop top, int row) {
    return IntStream.range(0, top.perRow()).map(rank -> top.column(row, rank)).toArray();
  }
}
