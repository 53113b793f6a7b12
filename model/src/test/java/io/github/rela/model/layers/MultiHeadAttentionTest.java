package io.github.rela.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.rela.model.config.AttentionKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultiHeadAttentionTest {
  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(11);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private MultiHeadAttention attention(AttentionKind kind) {
    MultiHeadAttention block =
        MultiHeadAttention.builder().setDModel(8).setNumHeads(2).setKind(kind).build();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8));
    return block;
  }

  private static boolean finite(NDArray array) {
    return array.isNaN().logicalOr(array.isInfinite()).none().getBoolean();
  }

  @ParameterizedTest
  @EnumSource(
      value = AttentionKind.class,
      names = {"RELA_G", "RELA_I"})
  void shouldKeepNullAttentionRowsFiniteForwardAndBackward(AttentionKind kind) {
    // Given every key masked, so that every head's attention row is null and Z is all zero
    MultiHeadAttention block = attention(kind);
    NDArray x = manager.randomNormal(new Shape(2, 3, 8));
    x.setRequiresGradient(true);
    NDArray mask = manager.zeros(new Shape(2, 1, 1, 3));
    // When
    NDList out;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      out = block.forward(new ParameterStore(manager, false), new NDList(x, x, mask), true);
      collector.backward(out.get(0).sum());
    }
    // Then the weights are exactly zero, and outputs and all gradients are finite
    assertEquals(0f, out.get(1).abs().sum().getFloat(), 0f);
    assertTrue(finite(out.get(0)));
    assertTrue(finite(x.getGradient()));
    for (Pair<String, Parameter> parameter : block.getParameters()) {
      assertTrue(finite(parameter.getValue().getArray().getGradient()), parameter.getKey());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = AttentionKind.class,
      names = {"RELA_G", "RELA_I"})
  void shouldGiveNullRowsForAllNegativeScoresWithFiniteGradients(AttentionKind kind) {
    // Given keys projected as the negated queries and identical positions: every score
    // -|q|^2/sqrt(d)
    MultiHeadAttention block = attention(kind);
    NDArray qkv = parameter(block, "qkv_weight"); // [3D, D]: query, key, value rows
    qkv.set(new NDIndex("8:16"), qkv.get("0:8").neg());
    NDArray x = manager.randomNormal(new Shape(1, 1, 8)).repeat(1, 4); // [1, 4, 8]
    x.setRequiresGradient(true);
    // When
    NDList out;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      out = block.forward(new ParameterStore(manager, false), new NDList(x, x), true);
      collector.backward(out.get(0).sum());
    }
    // Then
    assertEquals(0f, out.get(1).abs().sum().getFloat(), 0f);
    assertTrue(finite(out.get(0)));
    assertTrue(finite(x.getGradient()));
    assertTrue(finite(parameter(block, "qkv_weight").getGradient()));
  }

  @Test
  void shouldInitialiseTheRelaNormsPerVariant() {
    // Given
    MultiHeadAttention gated = attention(AttentionKind.RELA_G);
    MultiHeadAttention initialised = attention(AttentionKind.RELA_I);
    // When
    NDArray gatedGain = parameter(gated, "norm_gain");
    NDArray smallGain = parameter(initialised, "norm_gain");
    // Then ReLA-g starts at 1 with a gate; ReLA-i starts small, within sqrt(3 / d_model)
    assertEquals(8f, gatedGain.sum().getFloat(), 0f);
    assertTrue(smallGain.abs().max().getFloat() <= (float) Math.sqrt(3.0 / 8));
    assertTrue(parameter(gated, "norm_gate") != null);
    assertTrue(parameter(initialised, "norm_gate") == null);
  }

  /** The parameter whose DJL path ends with {@code suffix}, or null. */
  private static NDArray parameter(MultiHeadAttention block, String suffix) {
    for (Pair<String, Parameter> pair : block.getParameters()) {
      if (pair.getKey().endsWith(suffix)) {
        return pair.getValue().getArray();
      }
    }
    return null;
  }

  @Test
  void shouldSoftmaxAttendUniformlyToEqualKeys() {
    // Given identical key/value rows, so every score is equal
    MultiHeadAttention block =
        MultiHeadAttention.builder()
            .setDModel(8)
            .setNumHeads(2)
            .setKind(AttentionKind.SOFTMAX)
            .optCross(true)
            .build();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8));
    NDArray query = manager.randomNormal(new Shape(1, 2, 8));
    NDArray memory = manager.randomNormal(new Shape(1, 1, 8)).repeat(1, 4);
    // When
    NDList out =
        block.forward(
            new ParameterStore(manager, false),
            new NDList(query, memory, manager.ones(new Shape(1, 1, 1, 4))),
            false);
    // Then
    NDArray expected = manager.full(new Shape(1, 2, 2, 4), 0.25f);
    assertTrue(out.get(1).allClose(expected, 1e-6, 1e-6, false));
  }
}
