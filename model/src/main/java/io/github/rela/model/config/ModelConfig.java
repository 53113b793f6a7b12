package io.github.rela.model.config;

import java.util.Objects;

/**
 * The architecture of a ReLA Transformer encoder-decoder, saved as {@code model} in every
 * checkpoint's {@code config.json}.
 *
 * <p>Defaults follow Transformer-base as used in the paper (6+6 layers, d_model 512, 8 heads, ffn
 * 2048, post-LN, tied target embeddings); the vocabulary sizes have no default. Use {@link
 * #builder()}; the canonical constructor validates every field.
 *
 * @param sourceVocabSize size of the source vocabulary
 * @param targetVocabSize size of the target vocabulary
 * @param dModel model width (d_model)
 * @param numHeads attention heads per attention layer; must divide {@code dModel}
 * @param dFf hidden width of the position-wise feed-forward network
 * @param encoderLayers number of encoder layers
 * @param decoderLayers number of decoder layers
 * @param dropout dropout on sublayer outputs, embeddings and the feed-forward hidden layer
 * @param attentionDropout dropout on the attention weights (training only)
 * @param maxLength longest sequence (in tokens) the positional encoding is meant for
 * @param preNorm true for pre-LN (norm inside the residual branch); false for post-LN (the paper)
 * @param shareEmbeddings one embedding matrix for source and target (needs equal vocabularies)
 * @param tieOutput the output projection reuses the target embedding matrix
 * @param encoderSelfAttention attention function of the encoder self-attention
 * @param decoderSelfAttention attention function of the decoder's causal self-attention
 * @param crossAttention attention function of the encoder-decoder attention
 * @param padId token id of padding, masked out of every attention
 * @param relaEps epsilon inside the RMSNorm of ReLA: bounds the gradient of an all-zero (null)
 *     output by about {@code 0.5 / sqrt(relaEps)}
 * @param layerNormEps epsilon of the layer norms
 */
public record ModelConfig(
    int sourceVocabSize,
    int targetVocabSize,
    int dModel,
    int numHeads,
    int dFf,
    int encoderLayers,
    int decoderLayers,
    float dropout,
    float attentionDropout,
    int maxLength,
    boolean preNorm,
    boolean shareEmbeddings,
    boolean tieOutput,
    AttentionKind encoderSelfAttention,
    AttentionKind decoderSelfAttention,
    AttentionKind crossAttention,
    int padId,
    float relaEps,
    float layerNormEps) {

  /** Validates every field, so that an invalid configuration never reaches the layers. */
  public ModelConfig {
    positive("source_vocab_size", sourceVocabSize);
    positive("target_vocab_size", targetVocabSize);
    positive("d_model", dModel);
    positive("num_heads", numHeads);
    positive("d_ff", dFf);
    positive("encoder_layers", encoderLayers);
    positive("decoder_layers", decoderLayers);
    positive("max_length", maxLength);
    if (dModel % numHeads != 0) {
      throw new IllegalArgumentException(
          "d_model (" + dModel + ") must be divisible by num_heads (" + numHeads + ")");
    }
    probability("dropout", dropout);
    probability("attention_dropout", attentionDropout);
    if (shareEmbeddings && sourceVocabSize != targetVocabSize) {
      throw new IllegalArgumentException(
          "share_embeddings needs equal vocabularies, got source "
              + sourceVocabSize
              + " and target "
              + targetVocabSize);
    }
    Objects.requireNonNull(encoderSelfAttention, "encoder_self_attention");
    Objects.requireNonNull(decoderSelfAttention, "decoder_self_attention");
    Objects.requireNonNull(crossAttention, "cross_attention");
    if (padId < 0 || padId >= Math.min(sourceVocabSize, targetVocabSize)) {
      throw new IllegalArgumentException("pad_id " + padId + " is outside the vocabulary");
    }
    if (!(relaEps > 0) || !(layerNormEps > 0)) {
      throw new IllegalArgumentException("rela_eps and layer_norm_eps must be positive");
    }
  }

  /** Width of one attention head. */
  public int dHead() {
    return dModel / numHeads;
  }

  /** A builder holding Transformer-base defaults; the vocabulary sizes must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from this configuration, to derive a variant. */
  public Builder toBuilder() {
    return new Builder()
        .vocabSizes(sourceVocabSize, targetVocabSize)
        .dModel(dModel)
        .numHeads(numHeads)
        .dFf(dFf)
        .layers(encoderLayers, decoderLayers)
        .dropout(dropout)
        .attentionDropout(attentionDropout)
        .maxLength(maxLength)
        .preNorm(preNorm)
        .shareEmbeddings(shareEmbeddings)
        .tieOutput(tieOutput)
        .attention(encoderSelfAttention, decoderSelfAttention, crossAttention)
        .padId(padId)
        .relaEps(relaEps)
        .layerNormEps(layerNormEps);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  private static void probability(String name, float value) {
    if (!(value >= 0f && value < 1f)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
  }

  /** Mutable builder for {@link ModelConfig}; {@link #build()} validates. */
  public static final class Builder {
    private int sourceVocabSize;
    private int targetVocabSize;
    private int dModel = 512;
    private int numHeads = 8;
    private int dFf = 2048;
    private int encoderLayers = 6;
    private int decoderLayers = 6;
    private float dropout = 0.1f;
    private float attentionDropout = 0.1f;
    private int maxLength = 256;
    private boolean preNorm;
    private boolean shareEmbeddings;
    private boolean tieOutput = true;
    private AttentionKind encoderSelfAttention = AttentionKind.SOFTMAX;
    private AttentionKind decoderSelfAttention = AttentionKind.SOFTMAX;
    private AttentionKind crossAttention = AttentionKind.SOFTMAX;
    private int padId;
    private float relaEps = 1e-6f;
    private float layerNormEps = 1e-6f;

    private Builder() {}

    /** One shared vocabulary size for source and target. */
    public Builder vocabSize(int size) {
      return vocabSizes(size, size);
    }

    public Builder vocabSizes(int source, int target) {
      this.sourceVocabSize = source;
      this.targetVocabSize = target;
      return this;
    }

    public Builder dModel(int dModel) {
      this.dModel = dModel;
      return this;
    }

    public Builder numHeads(int numHeads) {
      this.numHeads = numHeads;
      return this;
    }

    public Builder dFf(int dFf) {
      this.dFf = dFf;
      return this;
    }

    public Builder layers(int encoder, int decoder) {
      this.encoderLayers = encoder;
      this.decoderLayers = decoder;
      return this;
    }

    public Builder dropout(float dropout) {
      this.dropout = dropout;
      return this;
    }

    public Builder attentionDropout(float attentionDropout) {
      this.attentionDropout = attentionDropout;
      return this;
    }

    public Builder maxLength(int maxLength) {
      this.maxLength = maxLength;
      return this;
    }

    public Builder preNorm(boolean preNorm) {
      this.preNorm = preNorm;
      return this;
    }

    public Builder shareEmbeddings(boolean shareEmbeddings) {
      this.shareEmbeddings = shareEmbeddings;
      return this;
    }

    public Builder tieOutput(boolean tieOutput) {
      this.tieOutput = tieOutput;
      return this;
    }

    /** The same attention function everywhere. */
    public Builder attention(AttentionKind kind) {
      return attention(kind, kind, kind);
    }

    public Builder attention(
        AttentionKind encoderSelf, AttentionKind decoderSelf, AttentionKind cross) {
      this.encoderSelfAttention = encoderSelf;
      this.decoderSelfAttention = decoderSelf;
      this.crossAttention = cross;
      return this;
    }

    public Builder padId(int padId) {
      this.padId = padId;
      return this;
    }

    public Builder relaEps(float relaEps) {
      this.relaEps = relaEps;
      return this;
    }

    public Builder layerNormEps(float layerNormEps) {
      this.layerNormEps = layerNormEps;
      return this;
    }

    /** Builds and validates the configuration. */
    public ModelConfig build() {
      return new ModelConfig(
          sourceVocabSize,
          targetVocabSize,
          dModel,
          numHeads,
          dFf,
          encoderLayers,
          decoderLayers,
          dropout,
          attentionDropout,
          maxLength,
          preNorm,
          shareEmbeddings,
          tieOutput,
          encoderSelfAttention,
          decoderSelfAttention,
          crossAttention,
          padId,
          relaEps,
          layerNormEps);
    }
  }
}
