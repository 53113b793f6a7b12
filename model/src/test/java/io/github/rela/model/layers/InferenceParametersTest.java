package io.github.rela.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.rela.model.config.AttentionKind;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InferenceParametersTest {

  @Test
  void shouldDeriveOnceAndKeepTheValueUntilTheStoresManagerCloses() {
    try (NDManager model = NDManager.newBaseManager()) {
      Parameter gain = parameter(model, 2f);
      AtomicInteger derivations = new AtomicInteger();
      NDArray kept;
      try (NDManager batch = model.newSubManager()) {
        InferenceParameters parameters = new InferenceParameters(batch);
        NDArray first;
        // Given two decoding steps, each in its own scope, asking for the same derived value
        try (NDScope step = new NDScope()) {
          step.suppressNotUsedWarning();
          first = parameters.derived(gain, "double", gain.getArray(), g -> twice(g, derivations));
        }
        try (NDScope step = new NDScope()) {
          step.suppressNotUsedWarning();
          kept = parameters.derived(gain, "double", gain.getArray(), g -> twice(g, derivations));
        }
        // Then it was computed once and outlived the first step's scope
        assertSame(first, kept);
        assertEquals(1, derivations.get());
        assertArrayEquals(new float[] {4f, 4f}, kept.toFloatArray());
      }
      // And it is freed with the store's manager, while the parameter lives on
      assertTrue(kept.isReleased());
      assertFalse(gain.getArray().isReleased());
    }
  }

  @Test
  void shouldServeAParameterAsItsOwnArrayAtEveryCall() {
    try (NDManager model = NDManager.newBaseManager()) {
      Parameter gain = parameter(model, 2f);
      try (NDManager batch = model.newSubManager()) {
        InferenceParameters parameters = new InferenceParameters(batch);
        // Given two steps' inputs, each a new array
        NDArray firstStep = batch.zeros(new Shape(1, 2));
        NDArray secondStep = batch.zeros(new Shape(3, 2));
        // When the parameter is looked up for each, then both get the weights themselves
        assertSame(gain.getArray(), parameters.value(gain, firstStep));
        assertSame(gain.getArray(), parameters.value(gain, secondStep));
      }
      // And closing the store leaves the weights alone
      assertFalse(gain.getArray().isReleased());
    }
  }

  @Test
  void shouldGiveTheSameNormAsAPlainParameterStore() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RmsNorm norm = new RmsNorm(4, true, 1e-6f);
      norm.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4));
      NDArray z = manager.create(new float[] {0.5f, -1f, 2f, 0.25f}, new Shape(1, 1, 4));

      float[] plain = norm.forward(new ParameterStore(manager, false), z, false).toFloatArray();
      float[] batched;
      try (NDManager batch = manager.newSubManager()) {
        InferenceParameters parameters = new InferenceParameters(batch);
        norm.forward(parameters, z, false);
        batched = norm.forward(parameters, z, false).toFloatArray();
      }

      assertArrayEquals(plain, batched, 1e-6f);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = AttentionKind.class,
      names = {"RELA_G", "RELA_I", "SOFTMAX"})
  void shouldGiveTheSameCrossAttentionWithConstantsFoldedIntoWeights(AttentionKind kind) {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Given cross attention over two sources, the second padded after two of its three keys
      MultiHeadAttention attention =
          MultiHeadAttention.builder()
              .setDModel(8)
              .setNumHeads(2)
              .setKind(kind)
              .optCross(true)
              .build();
      attention.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 8), new Shape(2, 3, 8));
      NDArray x = manager.randomNormal(new Shape(2, 1, 8));
      NDArray memory = manager.randomNormal(new Shape(2, 3, 8));
      NDArray mask = manager.create(new float[] {1, 1, 1, 1, 1, 0}, new Shape(2, 1, 1, 3));
      // When: the training path (plain parameters, unmasked keys, the mask at every call) and
      // the decoding path (a batch's parameters, constants folded into weights, keys masked once)
      ParameterStore store = new ParameterStore(manager, false);
      AttentionResult plain =
          attention.attend(
              store,
              attention.projectQuery(store, x, false),
              attention.projectMemory(store, memory, false),
              mask,
              false);
      try (NDManager batch = manager.newSubManager()) {
        AttentionResult folded = attend(attention, new InferenceParameters(batch), x, memory, mask);
        // Then
        assertArrayEquals(plain.output().toFloatArray(), folded.output().toFloatArray(), 1e-5f);
        assertArrayEquals(plain.weights().toFloatArray(), folded.weights().toFloatArray(), 1e-6f);
      }
    }
  }

  /** Queries and memory projected the way decoding does, then attended with the mask it needs. */
  private static AttentionResult attend(
      MultiHeadAttention attention, ParameterStore store, NDArray x, NDArray memory, NDArray mask) {
    KeyValue keyValue = attention.projectMemory(store, memory, mask, false);
    NDArray queries = attention.projectQuery(store, x, false);
    NDArray needed = attention.masksWithZeroKeys() ? null : mask;
    return attention.attend(store, queries, keyValue, needed, false);
  }

  private static Parameter parameter(NDManager manager, float value) {
    Parameter parameter = Parameter.builder().setName("gain").setType(Parameter.Type.GAMMA).build();
    parameter.setArray(manager.full(new Shape(2), value));
    return parameter;
  }

  private static NDArray twice(NDArray g, AtomicInteger derivations) {
    derivations.incrementAndGet();
    return g.mul(2f);
  }
}
