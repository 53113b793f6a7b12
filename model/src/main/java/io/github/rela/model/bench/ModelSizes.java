package io.github.rela.model.bench;

import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.ModelConfig;

/** The architecture of the shipped default model, for measurements on random weights. */
public final class ModelSizes {
  private ModelSizes() {}

  /**
   * Joint vocabulary of 8000, d_model 256, 4 heads, ffn 1024, 3 + 3 layers, shared embeddings and
   * tied output, {@code kind} in all three attention types, no dropout.
   */
  public static ModelConfig shippedDefault(AttentionKind kind) {
    return ModelConfig.builder()
        .vocabSize(8000)
        .dModel(256)
        .numHeads(4)
        .dFf(1024)
        .layers(3, 3)
        .dropout(0f)
        .attentionDropout(0f)
        .shareEmbeddings(true)
        .tieOutput(true)
        .attention(kind)
        .build();
  }

  /**
   * Multiply-adds times two of decoding one batch, counted from the architecture: the encoder over
   * the sources, the cross-attention keys and values once per source, and per generated token and
   * hypothesis row the decoder layers (projections, feed-forward, attention over the prefix and the
   * source) and the output projection.
   *
   * @param rowsPerSentence hypotheses per sentence (1 greedy, the beam size otherwise)
   */
  public static double flopsPerSentence(
      ModelConfig config, int sourceLength, int outputLength, int rowsPerSentence) {
    double d = config.dModel();
    double ff = config.dFf();
    double s = sourceLength;
    double encoderPerToken = 2 * (4 * d * d + 2 * d * ff) + 2 * 2 * s * d;
    double encoder = config.encoderLayers() * s * encoderPerToken;
    double memory = config.decoderLayers() * s * 2 * (2 * d * d);
    double decoder = 0;
    for (int t = 1; t <= outputLength; t++) {
      double perLayer = 2 * (6 * d * d + 2 * d * ff) + 2 * 2 * (t + s) * d;
      decoder += config.decoderLayers() * perLayer + 2 * d * config.targetVocabSize();
    }
    return encoder + memory + rowsPerSentence * decoder;
  }
}
