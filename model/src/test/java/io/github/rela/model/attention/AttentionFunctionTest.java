package io.github.rela.model.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.rela.model.config.AttentionKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AttentionFunctionTest {
  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(7);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private float[] weights(AttentionKind kind, float[] scores, float[] mask) {
    NDArray s = manager.create(scores, new Shape(1, 1, 1, scores.length));
    NDArray m = manager.create(mask, new Shape(1, 1, 1, mask.length));
    return AttentionFunction.of(kind).weights(s, m).toFloatArray();
  }

  @Test
  void shouldMatchHandComputedSoftmax() {
    // Given scores [1, 2, 3] with the last key masked
    // When
    float[] w = weights(AttentionKind.SOFTMAX, new float[] {1, 2, 3}, new float[] {1, 1, 0});
    // Then softmax([1, 2]) = [1 / (1 + e), e / (1 + e)], and the masked key gets exactly 0
    double e = Math.E;
    assertArrayEquals(new float[] {(float) (1 / (1 + e)), (float) (e / (1 + e)), 0f}, w, 1e-6f);
  }

  @Test
  void shouldMatchHandComputedRela() {
    // Given
    float[] scores = {-1f, 0.5f, 2f, 3f};
    // When
    float[] w = weights(AttentionKind.RELA_G, scores, new float[] {1, 1, 1, 0});
    // Then negative scores and masked keys are 0, the rest pass unchanged (no normalisation)
    assertArrayEquals(new float[] {0f, 0.5f, 2f, 0f}, w, 0f);
  }

  @Test
  void shouldGiveExactlyZeroRelaRowsForAllNegativeScores() {
    // When
    float[] w = weights(AttentionKind.RELA_I, new float[] {-0.1f, -2f, -3f}, new float[] {1, 1, 1});
    // Then
    assertArrayEquals(new float[] {0f, 0f, 0f}, w, 0f);
  }

  @Test
  void shouldMatchHandComputedSparsemax() {
    // Given z = [1.0, 0.8, 0.1]: support {1, 2} since 1 + 2 * 0.8 > 1.8 but 1 + 3 * 0.1 < 1.9,
    // tau = (1.8 - 1) / 2 = 0.4
    // When
    float[] w =
        weights(AttentionKind.SPARSEMAX, new float[] {1f, 0.8f, 0.1f}, new float[] {1, 1, 1});
    // Then
    assertArrayEquals(new float[] {0.6f, 0.4f, 0f}, w, 1e-6f);
  }

  @Test
  void shouldMatchHandComputedEntmax15() {
    // Given z = [2, 1, 0], x = z / 2 = [1, 0.5, 0]. Support size 2 (tau_3 = 0.092 > x_3 = 0):
    // mean 0.75, delta = (1 - 2 * (0.625 - 0.5625)) / 2 = 0.4375, tau = 0.75 - sqrt(0.4375)
    double tau = 0.75 - Math.sqrt(0.4375);
    // When
    float[] w = weights(AttentionKind.ENTMAX15, new float[] {2f, 1f, 0f}, new float[] {1, 1, 1});
    // Then p = (x - tau)^2 on the support
    float[] expected = {(float) Math.pow(1 - tau, 2), (float) Math.pow(0.5 - tau, 2), 0f};
    assertArrayEquals(expected, w, 1e-6f);
  }

  @ParameterizedTest
  @EnumSource(
      value = AttentionKind.class,
      names = {"SPARSEMAX", "ENTMAX15"})
  void shouldGiveSparseRowsThatSumToOne(AttentionKind kind) {
    // Given spread-out scores, [2, 3, 5, 16]
    NDArray scores = manager.randomNormal(0f, 3f, new Shape(2, 3, 5, 16), DataType.FLOAT32);
    NDArray mask = manager.ones(new Shape(1, 1, 1, 16));
    // When
    NDArray w = AttentionFunction.of(kind).weights(scores, mask);
    // Then
    float[] sums = w.sum(new int[] {-1}).toFloatArray();
    for (float sum : sums) {
      assertEquals(1f, sum, 1e-5f);
    }
    float zeros = w.eq(0f).toType(DataType.FLOAT32, false).mean().getFloat();
    assertTrue(zeros > 0.5f, kind + " should be sparse, zero share was " + zeros);
    assertTrue(w.gte(0f).all().getBoolean(), "weights are non-negative");
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldIgnoreMaskedKeysInValueAndGradient(AttentionKind kind) {
    // Given scores whose last 2 keys are masked
    NDArray mask = manager.create(new float[] {1, 1, 1, 1, 0, 0}, new Shape(1, 1, 1, 6));
    NDArray scores = manager.randomNormal(new Shape(2, 2, 3, 6));
    NDArray changed = scores.duplicate();
    changed.set(new ai.djl.ndarray.index.NDIndex("..., 4:"), 100f);
    NDArray probe = manager.randomNormal(new Shape(2, 2, 3, 6));
    scores.setRequiresGradient(true);
    AttentionFunction function = AttentionFunction.of(kind);
    // When
    NDArray w;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      w = function.weights(scores, mask);
      collector.backward(w.mul(probe).sum());
    }
    NDArray wChanged = function.weights(changed, mask);
    // Then masked keys have exactly zero weight and gradient; their scores change nothing
    NDArray maskedWeights = w.get("..., 4:");
    NDArray maskedGradient = scores.getGradient().get("..., 4:");
    assertEquals(0f, maskedWeights.abs().max().getFloat(), 0f);
    assertEquals(0f, maskedGradient.abs().max().getFloat(), 0f);
    assertArrayEquals(w.toFloatArray(), wChanged.toFloatArray(), 0f);
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldGiveFiniteZeroRowsWhenEveryKeyIsMasked(AttentionKind kind) {
    // Given
    NDArray scores = manager.randomNormal(new Shape(1, 2, 3, 4));
    NDArray mask = manager.zeros(new Shape(1, 1, 1, 4));
    scores.setRequiresGradient(true);
    // When
    NDArray w;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      w = AttentionFunction.of(kind).weights(scores, mask);
      collector.backward(w.sum());
    }
    // Then
    assertEquals(0f, w.abs().sum().getFloat(), 0f);
    assertTrue(
        scores
            .getGradient()
            .isInfinite()
            .logicalOr(scores.getGradient().isNaN())
            .none()
            .getBoolean());
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldHaveGradientsMatchingFiniteDifferences(AttentionKind kind) {
    // Given float64 scores (distinct values, away from the support's kinks) and a random probe
    NDArray mask = manager.create(new double[] {1, 1, 1, 1, 1, 0}).reshape(1, 1, 1, 6);
    NDArray base = manager.randomNormal(0f, 1.5f, new Shape(1, 2, 2, 6), DataType.FLOAT64);
    NDArray probe = manager.randomNormal(0f, 1f, new Shape(1, 2, 2, 6), DataType.FLOAT64);
    AttentionFunction function = AttentionFunction.of(kind);
    NDArray scores = base.duplicate();
    scores.setRequiresGradient(true);
    // When
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(function.weights(scores, mask).mul(probe).sum());
    }
    double[] analytic = scores.getGradient().toDoubleArray();
    double[] values = base.toDoubleArray();
    // Then
    double h = 1e-6;
    for (int i = 0; i < values.length; i++) {
      double[] plus = values.clone();
      double[] minus = values.clone();
      plus[i] += h;
      minus[i] -= h;
      double numeric =
          (loss(function, plus, mask, probe) - loss(function, minus, mask, probe)) / (2 * h);
      assertEquals(numeric, analytic[i], 1e-5, kind + " gradient of score " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldTreatANullMaskAsAttendingEveryKey(AttentionKind kind) {
    // Given
    NDArray scores = manager.randomNormal(new Shape(2, 2, 3, 5));
    AttentionFunction function = AttentionFunction.of(kind);
    // When
    NDArray unmasked = function.weights(scores, null);
    NDArray allOnes = function.weights(scores, manager.ones(new Shape(1, 1, 1, 5)));
    // Then
    assertArrayEquals(allOnes.toFloatArray(), unmasked.toFloatArray(), 1e-7f);
  }

  private double loss(AttentionFunction function, double[] values, NDArray mask, NDArray probe) {
    NDArray scores = manager.create(values, new Shape(1, 2, 2, 6));
    return function.weights(scores, mask).mul(probe).sum().getDouble();
  }
}
