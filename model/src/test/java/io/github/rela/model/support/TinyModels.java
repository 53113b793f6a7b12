package io.github.rela.model.support;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.ModelConfig;
import io.github.rela.model.transformer.Transformer;

/** Tiny, seeded models and inputs shared by the tests. */
public final class TinyModels {
  public static final int VOCAB = 11;
  public static final int PAD = 0;
  public static final int BOS = 2;
  public static final int EOS = 3;

  private TinyModels() {}

  /** 2+2 layers, d_model 16, 2 heads, no dropout, the same attention everywhere. */
  public static ModelConfig config(AttentionKind kind) {
    return ModelConfig.builder()
        .vocabSize(VOCAB)
        .dModel(16)
        .numHeads(2)
        .dFf(32)
        .layers(2, 2)
        .dropout(0f)
        .attentionDropout(0f)
        .maxLength(32)
        .shareEmbeddings(true)
        .attention(kind)
        .build();
  }

  /** A model initialised from a fixed seed, in {@code manager}. */
  public static Transformer initialised(ModelConfig config, NDManager manager, DataType type) {
    Engine.getInstance().setRandomSeed(1234);
    Transformer model = Transformer.create(config);
    model.initializeParameters(manager, type);
    return model;
  }

  public static ParameterStore store(NDManager manager) {
    return new ParameterStore(manager, false);
  }

  /** Token ids as an int64 array, [rows, columns]. */
  public static NDArray ids(NDManager manager, long[][] rows) {
    int columns = rows[0].length;
    long[] flat = new long[rows.length * columns];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * columns, columns);
    }
    return manager.create(flat, new ai.djl.ndarray.types.Shape(rows.length, columns));
  }
}
