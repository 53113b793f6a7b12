package io.github.rela.model.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.ModelConfig;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tiny model learns to reverse short random sequences on CPU, trained with Adam on teacher-forced
 * cross-entropy and checked by greedy decoding through the incremental API.
 */
class ReverseTaskTest {
  private static final int PAD = 0;
  private static final int BOS = 2;
  private static final int EOS = 3;
  private static final int FIRST_SYMBOL = 4;
  private static final int SYMBOLS = 8;
  private static final int MAX_LENGTH = 6;
  private static final int BATCH = 32;
  private static final int MAX_STEPS = 1200;

  /** Source [B, L+1] (symbols, EOS, padding), decoder input [B, L+1], decoder output [B, L+1]. */
  private record Batch(long[][] source, long[][] targetIn, long[][] targetOut) {}

  @ParameterizedTest
  @EnumSource(
      value = AttentionKind.class,
      names = {"SOFTMAX", "RELA_G"})
  void shouldLearnToReverseSequences(AttentionKind kind) {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Given a 2+2-layer model of width 32
      Engine.getInstance().setRandomSeed(42);
      ModelConfig config =
          ModelConfig.builder()
              .vocabSize(FIRST_SYMBOL + SYMBOLS)
              .dModel(32)
              .numHeads(4)
              .dFf(64)
              .layers(2, 2)
              .dropout(0f)
              .attentionDropout(0f)
              .maxLength(16)
              .shareEmbeddings(true)
              .attention(kind)
              .build();
      Transformer model = Transformer.create(config);
      model.initializeParameters(manager, DataType.FLOAT32);
      ParameterStore store = new ParameterStore(manager, false);
      Random random = new Random(42);
      // When trained until the smoothed batch accuracy is nearly 1, or the step budget is spent
      train(model, store, manager, random);
      // Then greedy decoding reverses fresh sequences
      double accuracy = greedySequenceAccuracy(model, store, manager, sample(random, 100));
      assertTrue(accuracy >= 0.9, kind + " reversed only " + accuracy + " of the sequences");
    }
  }

  private static void train(
      Transformer model, ParameterStore store, NDManager manager, Random random) {
    Optimizer adam =
        Optimizer.adam()
            .optLearningRateTracker(Tracker.fixed(2e-3f))
            .optBeta2(0.98f)
            .optEpsilon(1e-9f)
            .build();
    double smoothedAccuracy = 0;
    for (int step = 0; step < MAX_STEPS; step++) {
      Batch batch = sample(random, BATCH);
      float tokenAccuracy;
      try (NDManager scope = manager.newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits =
            model
                .decode(
                    store,
                    ids(scope, batch.targetIn()),
                    model.encode(store, ids(scope, batch.source()), true),
                    true)
                .logits(); // [B, T, V]
        NDArray gold = ids(scope, batch.targetOut()); // [B, T]
        NDArray real = gold.neq(PAD).toType(DataType.FLOAT32, false);
        NDArray logProbabilities = logits.logSoftmax(-1);
        NDArray picked = logProbabilities.gather(gold.expandDims(-1), -1).squeeze(-1); // [B, T]
        NDArray loss = picked.mul(real).sum().neg().div(real.sum());
        collector.backward(loss);
        NDArray correct = logits.argMax(-1).eq(gold).toType(DataType.FLOAT32, false).mul(real);
        tokenAccuracy = correct.sum().getFloat() / real.sum().getFloat();
      }
      for (Parameter parameter : model.namedParameters().values()) {
        NDArray weight = parameter.getArray();
        // getGradient() wraps the gradient in a new array: close it, after zeroing in place
        // (PyTorch accumulates gradients across backward passes).
        try (NDArray gradient = weight.getGradient()) {
          adam.update(parameter.getId(), weight, gradient);
          gradient.subi(gradient);
        }
      }
      smoothedAccuracy = 0.9 * smoothedAccuracy + 0.1 * tokenAccuracy;
      if (smoothedAccuracy > 0.998) {
        return;
      }
    }
  }

  private static double greedySequenceAccuracy(
      Transformer model, ParameterStore store, NDManager manager, Batch batch) {
    try (NDManager scope = manager.newSubManager()) {
      int rows = batch.source().length;
      DecoderState state =
          model.startDecoding(store, model.encode(store, ids(scope, batch.source()), false), 1);
      long[] tokens = new long[rows];
      java.util.Arrays.fill(tokens, BOS);
      long[][] output = new long[rows][MAX_LENGTH + 1];
      for (int t = 0; t <= MAX_LENGTH; t++) {
        StepOutput step = model.step(store, scope.create(tokens), state);
        tokens = step.logits().argMax(-1).toLongArray();
        for (int r = 0; r < rows; r++) {
          output[r][t] = tokens[r];
        }
        state = step.state();
      }
      int right = 0;
      for (int r = 0; r < rows; r++) {
        if (matchesUpToEos(output[r], batch.targetOut()[r])) {
          right++;
        }
      }
      return right / (double) rows;
    }
  }

  private static boolean matchesUpToEos(long[] produced, long[] gold) {
    for (int t = 0; t < gold.length; t++) {
      if (produced[t] != gold[t]) {
        return false;
      }
      if (gold[t] == EOS) {
        return true;
      }
    }
    return true;
  }

  /** Random sequences of 3 to 6 symbols; the target is the reversed sequence. */
  private static Batch sample(Random random, int size) {
    long[][] source = new long[size][MAX_LENGTH + 1];
    long[][] targetIn = new long[size][MAX_LENGTH + 1];
    long[][] targetOut = new long[size][MAX_LENGTH + 1];
    for (int b = 0; b < size; b++) {
      int length = 3 + random.nextInt(MAX_LENGTH - 2);
      targetIn[b][0] = BOS;
      for (int i = 0; i < length; i++) {
        long symbol = FIRST_SYMBOL + random.nextInt(SYMBOLS);
        source[b][i] = symbol;
        targetOut[b][length - 1 - i] = symbol;
      }
      source[b][length] = EOS;
      targetOut[b][length] = EOS;
      System.arraycopy(targetOut[b], 0, targetIn[b], 1, length);
    }
    return new Batch(source, targetIn, targetOut);
  }

  private static NDArray ids(NDManager manager, long[][] rows) {
    long[] flat = new long[rows.length * rows[0].length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
    }
    return manager.create(flat, new Shape(rows.length, rows[0].length));
  }
}
