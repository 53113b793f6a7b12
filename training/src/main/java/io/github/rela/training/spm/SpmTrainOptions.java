package io.github.rela.training.spm;

import io.github.rela.model.tokenizer.SpecialIds;

/**
 * Settings for {@code spm_train}. The special ids are not settings: they are the project's {@link
 * SpecialIds#PROJECT} (pad 0, unk 1, bos 2, eos 3), which the model and its runtime tokenizer rely
 * on.
 *
 * @param vocabSize pieces in the vocabulary, special ones included
 * @param modelType unigram or BPE
 * @param characterCoverage share of characters the vocabulary must cover; 1.0 for small alphabets
 *     such as German and English, 0.9995 for Chinese or Japanese
 * @param inputSentenceSize sentences sampled for training, 0 for all of them
 * @param seed seed of spm_train's random generator (sentence sampling)
 * @param numThreads training threads; the result depends on it, so it is fixed for repeatability
 */
public record SpmTrainOptions(
    int vocabSize,
    SpmModelType modelType,
    double characterCoverage,
    long inputSentenceSize,
    int seed,
    int numThreads) {

  /** pad, unk, bos and eos. */
  private static final int SPECIAL_PIECES = 4;

  public SpmTrainOptions {
    if (vocabSize <= SPECIAL_PIECES) {
      throw new IllegalArgumentException(
          "vocabSize must exceed the 4 special pieces: " + vocabSize);
    }
    if (modelType == null) {
      throw new IllegalArgumentException("modelType must be set");
    }
    if (!(characterCoverage > 0 && characterCoverage <= 1)) {
      throw new IllegalArgumentException(
          "characterCoverage must be in (0, 1], got " + characterCoverage);
    }
    if (inputSentenceSize < 0 || seed < 0 || numThreads < 1) {
      throw new IllegalArgumentException(
          "Need inputSentenceSize >= 0, seed >= 0 and numThreads >= 1, got %d, %d and %d"
              .formatted(inputSentenceSize, seed, numThreads));
    }
  }

  /** 8000 unigram pieces over every sentence, full character coverage, seed 1, one thread. */
  public static SpmTrainOptions defaults() {
    return new SpmTrainOptions(8000, SpmModelType.UNIGRAM, 1.0, 0, 1, 1);
  }

  public SpmTrainOptions withVocabSize(int value) {
    return new SpmTrainOptions(
        value, modelType, characterCoverage, inputSentenceSize, seed, numThreads);
  }

  public SpmTrainOptions withModelType(SpmModelType value) {
    return new SpmTrainOptions(
        vocabSize, value, characterCoverage, inputSentenceSize, seed, numThreads);
  }

  public SpmTrainOptions withInputSentenceSize(long value) {
    return new SpmTrainOptions(vocabSize, modelType, characterCoverage, value, seed, numThreads);
  }

  public SpmTrainOptions withCharacterCoverage(double value) {
    return new SpmTrainOptions(vocabSize, modelType, value, inputSentenceSize, seed, numThreads);
  }
}
