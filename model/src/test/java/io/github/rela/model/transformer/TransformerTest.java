package io.github.rela.model.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.ModelConfig;
import io.github.rela.model.support.TinyModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransformerTest {
  private NDManager manager;
  private ParameterStore store;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    store = TinyModels.store(manager);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private Transformer model(AttentionKind kind) {
    return TinyModels.initialised(TinyModels.config(kind), manager, DataType.FLOAT32);
  }

  @Test
  void shouldProduceLogitsAndEveryLayersAttention() {
    // Given
    Transformer model = model(AttentionKind.RELA_G);
    NDArray src = TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}, {7, 8, 3, 0}});
    NDArray tgt = TinyModels.ids(manager, new long[][] {{2, 6, 5}, {2, 8, 7}});
    // When
    NDList logits = model.forward(store, new NDList(src, tgt), false);
    EncoderOutput encoded = model.encode(store, src, false);
    DecoderOutput decoded = model.decode(store, tgt, encoded, false);
    // Then
    assertEquals(new Shape(2, 3, TinyModels.VOCAB), logits.head().getShape());
    assertEquals(2, encoded.selfAttention().size());
    assertEquals(new Shape(2, 2, 4, 4), encoded.selfAttention().get(0).getShape());
    assertEquals(new Shape(2, 2, 3, 3), decoded.selfAttention().get(1).getShape());
    assertEquals(new Shape(2, 2, 3, 4), decoded.crossAttention().get(1).getShape());
    assertArrayEquals(logits.head().toFloatArray(), decoded.logits().toFloatArray(), 0f);
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldIgnoreSourcePadding(AttentionKind kind) {
    // Given the same sentence with 0 and with 3 padding positions
    Transformer model = model(kind);
    NDArray tgt = TinyModels.ids(manager, new long[][] {{2, 6, 5, 9}});
    NDArray shortSrc = TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}});
    NDArray paddedSrc = TinyModels.ids(manager, new long[][] {{4, 5, 6, 3, 0, 0, 0}});
    // When
    DecoderOutput unpadded = model.decode(store, tgt, model.encode(store, shortSrc, false), false);
    DecoderOutput padded = model.decode(store, tgt, model.encode(store, paddedSrc, false), false);
    // Then
    assertArrayEquals(
        unpadded.logits().toFloatArray(), padded.logits().toFloatArray(), 1e-5f, kind.id());
    NDArray padWeights = padded.crossAttention().get(0).get("..., 4:");
    assertEquals(0f, padWeights.abs().max().getFloat(), 0f);
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldNotLetFutureTargetTokensChangeEarlierPositions(AttentionKind kind) {
    // Given two targets that differ only at the last position
    Transformer model = model(kind);
    EncoderOutput encoded =
        model.encode(store, TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}}), false);
    NDArray first = TinyModels.ids(manager, new long[][] {{2, 6, 5, 9}});
    NDArray second = TinyModels.ids(manager, new long[][] {{2, 6, 5, 4}});
    // When
    NDArray a = model.decode(store, first, encoded, false).logits().get(":, :3");
    NDArray b = model.decode(store, second, encoded, false).logits().get(":, :3");
    // Then
    assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f, kind.id());
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldDecodeIncrementallyAsInParallel(AttentionKind kind) {
    // Given two padded sources and two target prefixes per source (a beam of 2)
    Transformer model = model(kind);
    EncoderOutput encoded =
        model.encode(
            store, TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}, {7, 3, 0, 0}}), false);
    long[][] targets = {{2, 6, 5, 9}, {2, 4, 4, 8}, {2, 7, 10, 5}, {2, 9, 6, 6}};
    // When every row is decoded one token at a time, with the group of 2 sharing the memory
    DecoderState state = model.startDecoding(store, encoded, 2);
    NDArray tokens = TinyModels.ids(manager, targets);
    NDArray[] stepLogits = new NDArray[4];
    NDArray[] stepCross = new NDArray[4];
    for (int t = 0; t < 4; t++) {
      StepOutput step = model.step(store, tokens.get(":, " + t), state);
      stepLogits[t] = step.logits();
      stepCross[t] = step.crossAttention().get(":, 1"); // [R, L, H, S] -> [R, H, S]
      state = step.state();
    }
    // Then each row matches decoding its whole prefix against its own source
    NDArray expandedSource =
        TinyModels.ids(
            manager, new long[][] {{4, 5, 6, 3}, {4, 5, 6, 3}, {7, 3, 0, 0}, {7, 3, 0, 0}});
    DecoderOutput full =
        model.decode(store, tokens, model.encode(store, expandedSource, false), false);
    for (int t = 0; t < 4; t++) {
      assertArrayEquals(
          full.logits().get(":, " + t).toFloatArray(), stepLogits[t].toFloatArray(), 1e-4f);
      assertArrayEquals(
          full.crossAttention().get(1).get(":, :, " + t).toFloatArray(),
          stepCross[t].toFloatArray(),
          1e-4f);
    }
    assertEquals(4, state.position());
  }

  @Test
  void shouldFollowBeamReorderingAndSourceSelection() {
    // Given a state after two steps for 2 sources x 2 hypotheses
    Transformer model = model(AttentionKind.RELA_G);
    EncoderOutput encoded =
        model.encode(
            store, TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}, {7, 3, 0, 0}}), false);
    DecoderState state = model.startDecoding(store, encoded, 2);
    NDArray tokens = TinyModels.ids(manager, new long[][] {{2, 6}, {2, 4}, {2, 7}, {2, 9}});
    for (int t = 0; t < 2; t++) {
      state = model.step(store, tokens.get(":, " + t), state).state();
    }
    NDArray next = manager.create(new long[] {8, 8});
    // When row 1 replaces row 0 of source 0, and only source 0 is kept
    DecoderState reordered = state.reorder(new long[] {1, 1, 2, 3});
    DecoderState kept = reordered.selectSources(manager.create(new long[] {0}), new long[] {0, 1});
    NDArray logits = model.step(store, next, kept).logits();
    // Then both rows continue hypothesis [2, 4]
    EncoderOutput single =
        model.encode(store, TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}}), false);
    NDArray expected =
        model
            .decode(store, TinyModels.ids(manager, new long[][] {{2, 4, 8}}), single, false)
            .logits()
            .get(":, 2");
    assertEquals(1, kept.sources());
    assertArrayEquals(expected.toFloatArray(), logits.get("0:1").toFloatArray(), 1e-4f);
    assertArrayEquals(expected.toFloatArray(), logits.get("1:2").toFloatArray(), 1e-4f);
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldCreateNoArrayInTheModelsManagerWhenDecoding(AttentionKind kind) {
    // Given a model whose manager refuses new arrays, and a per-batch scope
    Transformer model = model(kind);
    manager.cap();
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray src = TinyModels.ids(scope, new long[][] {{4, 5, 6, 3}, {7, 3, 0, 0}});
      NDArray tokens = scope.create(new long[] {2, 2, 2, 2});
      // When everything a decoder does runs once
      EncoderOutput encoded = model.encode(store, src, false);
      model.decode(store, TinyModels.ids(scope, new long[][] {{2, 5}, {2, 6}}), encoded, false);
      DecoderState state = model.startDecoding(store, encoded, 2);
      StepOutput step = model.step(store, tokens, state);
      state = step.state().reorder(new long[] {1, 0, 3, 3});
      state = state.selectSources(scope.create(new long[] {1}), new long[] {2, 3});
      // Then no per-batch array was attached to the capped model manager (it would have thrown)
      assertEquals(
          new Shape(2, TinyModels.VOCAB),
          model.step(store, tokens.get("0:2"), state).logits().getShape());
    }
  }

  @Test
  void shouldSupportPreNormUntiedSeparateVocabularies() {
    // Given
    ModelConfig config =
        TinyModels.config(AttentionKind.SOFTMAX).toBuilder()
            .vocabSizes(11, 13)
            .shareEmbeddings(false)
            .tieOutput(false)
            .preNorm(true)
            .attention(AttentionKind.RELA_G, AttentionKind.SOFTMAX, AttentionKind.ENTMAX15)
            .build();
    Transformer model = TinyModels.initialised(config, manager, DataType.FLOAT32);
    NDArray src = TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}});
    NDArray tgt = TinyModels.ids(manager, new long[][] {{2, 12, 5}});
    // When
    NDArray logits = model.forward(store, new NDList(src, tgt), false).head();
    // Then
    assertEquals(new Shape(1, 3, 13), logits.getShape());
    assertTrue(model.namedParameters().containsKey("generator.weight"));
    assertTrue(model.namedParameters().containsKey("decoder.finalNorm.gain"));
    assertTrue(model.namedParameters().containsKey("targetEmbedding.weight"));
  }
}
