package io.github.rela.model.decoding;

import java.util.Objects;

/**
 * How to search for a translation. Validated on construction; derive variants with the {@code
 * withX} methods.
 *
 * @param beamSize hypotheses kept per source; 1 means greedy search
 * @param lengthPenalty GNMT length penalty alpha (Wu et al. 2016): a finished hypothesis of length
 *     L (generated tokens, EOS included) is ranked by {@code logProb / ((5 + L) / 6)^alpha}; 0
 *     ranks by the raw log-probability
 * @param maxLengthRatio the target may have at most {@code ceil(maxLengthRatio * sourceLength) +
 *     maxLengthConstant} tokens (EOS included), capped by the model's maximum length
 * @param maxLengthConstant see {@code maxLengthRatio}
 * @param minLength EOS is forbidden before this many tokens have been generated (benchmarks use it
 *     to force outputs of a fixed length)
 * @param stepMode incremental decoding with caches, or recomputation of the whole prefix (the
 *     baseline the cache is measured against)
 * @param keepAttention copy each step's cross-attention of the surviving hypotheses back from the
 *     engine, so that results carry it; off saves the copy when only tokens matter
 * @param shortlist score only the checkpoint's vocabulary shortlist of each batch, when it has one
 *     (a much smaller output layer; the whole vocabulary when off or when there is none)
 */
public record DecodingOptions(
    int beamSize,
    float lengthPenalty,
    float maxLengthRatio,
    int maxLengthConstant,
    int minLength,
    StepMode stepMode,
    boolean keepAttention,
    boolean shortlist) {

  /** Rejects options that cannot describe a search. */
  public DecodingOptions {
    if (beamSize < 1) {
      throw new IllegalArgumentException("beam size must be at least 1, got " + beamSize);
    }
    if (!(lengthPenalty >= 0f)) {
      throw new IllegalArgumentException("length penalty must be >= 0, got " + lengthPenalty);
    }
    if (!(maxLengthRatio >= 0f) || maxLengthConstant < 0) {
      throw new IllegalArgumentException(
          "max length ratio and constant must be >= 0, got "
              + maxLengthRatio
              + " and "
              + maxLengthConstant);
    }
    if (maxLengthRatio == 0f && maxLengthConstant == 0) {
      throw new IllegalArgumentException("max length ratio and constant cannot both be 0");
    }
    if (minLength < 0) {
      throw new IllegalArgumentException("min length must be >= 0, got " + minLength);
    }
    Objects.requireNonNull(stepMode, "stepMode");
  }

  /**
   * Beam 4, alpha 0.6, max length 1.5 * source + 10, incremental, attention kept, the checkpoint's
   * shortlist used.
   */
  public static DecodingOptions defaults() {
    return new DecodingOptions(4, 0.6f, 1.5f, 10, 0, StepMode.INCREMENTAL, true, true);
  }

  public DecodingOptions withBeamSize(int beamSize) {
    return new DecodingOptions(
        beamSize,
        lengthPenalty,
        maxLengthRatio,
        maxLengthConstant,
        minLength,
        stepMode,
        keepAttention,
        shortlist);
  }

  public DecodingOptions withLengthPenalty(float alpha) {
    return new DecodingOptions(
        beamSize,
        alpha,
        maxLengthRatio,
        maxLengthConstant,
        minLength,
        stepMode,
        keepAttention,
        shortlist);
  }

  public DecodingOptions withMaxLength(float ratio, int constant) {
    return new DecodingOptions(
        beamSize, lengthPenalty, ratio, constant, minLength, stepMode, keepAttention, shortlist);
  }

  public DecodingOptions withMinLength(int minLength) {
    return new DecodingOptions(
        beamSize,
        lengthPenalty,
        maxLengthRatio,
        maxLengthConstant,
        minLength,
        stepMode,
        keepAttention,
        shortlist);
  }

  public DecodingOptions withStepMode(StepMode stepMode) {
    return new DecodingOptions(
        beamSize,
        lengthPenalty,
        maxLengthRatio,
        maxLengthConstant,
        minLength,
        stepMode,
        keepAttention,
        shortlist);
  }

  public DecodingOptions withKeepAttention(boolean keepAttention) {
    return new DecodingOptions(
        beamSize,
        lengthPenalty,
        maxLengthRatio,
        maxLengthConstant,
        minLength,
        stepMode,
        keepAttention,
        shortlist);
  }

  public DecodingOptions withShortlist(boolean shortlist) {
    return new DecodingOptions(
        beamSize,
        lengthPenalty,
        maxLengthRatio,
        maxLengthConstant,
        minLength,
        stepMode,
        keepAttention,
        shortlist);
  }

  /** The most tokens (EOS included) to generate for a source of {@code sourceLength} tokens. */
  public int maxLength(int sourceLength, int modelMaxLength) {
    int wanted = (int) Math.ceil(maxLengthRatio * sourceLength) + maxLengthConstant;
    return Math.max(1, Math.min(wanted, modelMaxLength));
  }

  /** The length-normalised score of a hypothesis of {@code length} tokens. */
  public float normalise(float logProbability, int length) {
    if (lengthPenalty == 0f) {
      return logProbability;
    }
    double penalty = Math.pow((5.0 + length) / 6.0, lengthPenalty);
    return (float) (logProbability / penalty);
  }
}
