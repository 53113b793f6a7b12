package io.github.rela.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class HostArraysTest {

  @Test
  void shouldLeaveOtherTypesToTheEngine() {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertTrue(HostArrays.serves(manager.zeros(new Shape(2, 1, 256))));
      assertFalse(HostArrays.serves(manager.zeros(new Shape(2, 1, 256), DataType.FLOAT64)));
    }
  }

  @Test
  void shouldWriteARowMajorArrayInPlaceAndReadAViewAsACopy() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.arange(6f).reshape(2, 3);
      // a row-major array: the buffer is its memory
      HostArrays.floats(x).put(4, 40f);
      assertArrayEquals(new float[] {0, 1, 2, 3, 40, 5}, x.toFloatArray());
      // a transposed view: its values in row-major order
      FloatBuffer transposed = HostArrays.floats(x.transpose());
      float[] read = new float[6];
      transposed.get(0, read);
      assertArrayEquals(new float[] {0, 3, 1, 40, 2, 5}, read);
    }
  }
}
