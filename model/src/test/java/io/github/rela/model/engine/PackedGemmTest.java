package io.github.rela.model.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackedGemmTest {

  @Test
  void theEngineBuiltForThisProjectsBuildMachineOffersIt() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    assumeTrue(os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64")));
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.zeros(new Shape(1)); // the engine is loaded
      assertTrue(PackedGemm.get().isPresent(), "libtorch_cpu exports MKL's packed GEMM on x86-64");
    }
  }

  @ParameterizedTest
  @CsvSource({"16, 256, 768", "128, 256, 256", "40, 1024, 256", "17, 256, 3379", "3, 5, 7"})
  void equalsTheEnginesLinear(int rows, int in, int out) {
    assumeTrue(PackedGemm.get().isPresent());
    PackedGemm gemm = PackedGemm.get().orElseThrow();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomUniform(-1f, 1f, new Shape(rows, 1, in)); // [R, 1, in]
      NDArray w = manager.randomUniform(-1f, 1f, new Shape(out, in));
      NDArray b = manager.randomUniform(-1f, 1f, new Shape(out));
      PackedMatrix packed = gemm.pack(w);

      NDArray withBias = gemm.linear(x, packed, b);
      NDArray without = gemm.linear(x, packed, null);

      assertEquals(new Shape(rows, 1, out), withBias.getShape());
      // The same kernels up to the order of summation over in: equal to float rounding.
      float tolerance = 1e-6f * in;
      assertArrayEquals(
          Linear.linear(x, w, b).head().toFloatArray(), withBias.toFloatArray(), tolerance);
      assertArrayEquals(
          Linear.linear(x, w).head().toFloatArray(), without.toFloatArray(), tolerance);
    }
  }

  @Test
  void readsAViewAsTheArrayItShows() {
    assumeTrue(PackedGemm.get().isPresent());
    PackedGemm gemm = PackedGemm.get().orElseThrow();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.randomUniform(-1f, 1f, new Shape(32, 20)).transpose(); // [20, 32] view
      NDArray w = manager.randomUniform(-1f, 1f, new Shape(8, 32));
      assertArrayEquals(
          Linear.linear(x, w).head().toFloatArray(),
          gemm.linear(x, gemm.pack(w), null).toFloatArray(),
          1e-4f);
    }
  }

  @Test
  void refusesAnInputOfAnotherWidth() {
    assumeTrue(PackedGemm.get().isPresent());
    PackedGemm gemm = PackedGemm.get().orElseThrow();
    try (NDManager manager = NDManager.newBaseManager()) {
      PackedMatrix packed = gemm.pack(manager.ones(new Shape(4, 6)));
      NDArray x = manager.ones(new Shape(16, 5));
      assertThrows(IllegalArgumentException.class, () -> gemm.linear(x, packed, null));
    }
  }

  @Test
  void paysFromSixteenRows() {
    assumeTrue(PackedGemm.get().isPresent());
    PackedGemm gemm = PackedGemm.get().orElseThrow();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.ones(new Shape(4, 6));
      assertFalse(gemm.pays(4, weight));
      assertTrue(gemm.pays(16, weight));
      assertTrue(gemm.pays(128, weight));
      assertFalse(gemm.pays(128, weight.toType(DataType.FLOAT64, false)));
    }
  }
}
