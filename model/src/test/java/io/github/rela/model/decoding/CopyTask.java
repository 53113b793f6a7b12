package io.github.rela.model.decoding;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.ModelConfig;
import io.github.rela.model.support.TinyModels;
import io.github.rela.model.transformer.Transformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny model trained, seeded, in seconds to copy its source (symbols 4 .. 10, 2 to 5 of them): a
 * model whose best outputs are known, so that search is tested on more than agreement.
 */
final class CopyTask {
  static final int MIN_LENGTH = 2;
  static final int MAX_LENGTH = 5;
  private static final int BATCH = 64;

  private CopyTask() {}

  /**
   * Trains a 2+2-layer rela-g model with d_model 32 for {@code steps} Adam steps, on one PyTorch
   * thread: single-threaded reductions make the fixture the same on every machine (with two
   * threads, runs on a shared 2-core machine sometimes diverged to NaN).
   */
  static Transformer train(NDManager manager, int steps, long seed) {
    int threads = JniUtils.getNumThreads();
    JniUtils.setNumThreads(1);
    try {
      return trainOnThisThread(manager, steps, seed);
    } finally {
      JniUtils.setNumThreads(threads);
    }
  }

  private static Transformer trainOnThisThread(NDManager manager, int steps, long seed) {
    ModelConfig config =
        TinyModels.config(AttentionKind.RELA_G).toBuilder().dModel(32).dFf(64).build();
    Transformer model = TinyModels.initialised(config, manager, DataType.FLOAT32);
    Engine.getInstance().setRandomSeed((int) seed);
    Optimizer adam =
        Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.003f)).optClipGrad(1f).build();
    ParameterStore store = new ParameterStore(manager, false);
    Random random = new Random(seed);
    for (int step = 0; step < steps; step++) {
      try (NDScope scope = new NDScope();
          NDManager batch = manager.newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        scope.suppressNotUsedWarning();
        collector.zeroGradients();
        List<int[]> sources = sources(random, BATCH);
        NDArray logits =
            model
                .forward(
                    store,
                    new NDList(padded(batch, sources, false), padded(batch, sources, true)),
                    true)
                .head();
        NDArray labels = padded(batch, sources, false); // [B, T]: the copy, EOS, padding
        NDArray mask = labels.neq(TinyModels.PAD).toType(DataType.FLOAT32, false);
        NDArray picked =
            logits.logSoftmax(-1).gather(labels.expandDims(-1), -1).squeeze(-1); // [B, T]
        NDArray loss = picked.mul(mask).sum().div(mask.sum()).neg();
        collector.backward(loss);
      }
      update(model, adam); // outside the step's scope: Adam's state outlives the step
    }
    return model;
  }

  private static void update(Transformer model, Optimizer optimizer) {
    for (Parameter parameter : model.namedParameters().values()) {
      NDArray weight = parameter.getArray();
      try (NDArray gradient = weight.getGradient()) {
        optimizer.update(parameter.getId(), weight, gradient);
      }
    }
  }

  /** {@code count} random sources of symbols, each ending with EOS. */
  static List<int[]> sources(Random random, int count) {
    List<int[]> sources = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int length = MIN_LENGTH + random.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
      int[] ids = new int[length + 1];
      for (int i = 0; i < length; i++) {
        ids[i] = 4 + random.nextInt(TinyModels.VOCAB - 4);
      }
      ids[length] = TinyModels.EOS;
      sources.add(ids);
    }
    return sources;
  }

  /**
   * The sources as [B, MAX_LENGTH + 2] padded with PAD: as they are (symbols, EOS), or shifted
   * right behind BOS without EOS (the decoder input of their copy).
   */
  private static NDArray padded(NDManager manager, List<int[]> sources, boolean shiftRight) {
    long[][] rows = new long[sources.size()][MAX_LENGTH + 2];
    for (int n = 0; n < sources.size(); n++) {
      int[] ids = sources.get(n);
      int offset = shiftRight ? 1 : 0;
      int length = shiftRight ? ids.length - 1 : ids.length;
      rows[n][0] = TinyModels.BOS;
      for (int i = 0; i < length; i++) {
        rows[n][i + offset] = ids[i];
      }
    }
    return TinyModels.ids(manager, rows);
  }
}
