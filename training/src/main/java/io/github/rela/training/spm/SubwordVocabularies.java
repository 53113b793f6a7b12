package io.github.rela.training.spm;

import java.nio.file.Path;
import java.util.List;

/**
 * The subword models of a language pair: one model shared by both sides (joint, which lets the
 * model tie source and target embeddings and copy names across) or one per side.
 *
 * @param source the model that segments source sentences
 * @param target the model that segments target sentences (the same files when joint)
 */
public record SubwordVocabularies(SpmModelFiles source, SpmModelFiles target) {

  /** True when both sides share one model. */
  public boolean joint() {
    return source.equals(target);
  }

  /**
   * Trains the vocabularies into {@code dir}: {@code spm.model} when joint, else {@code
   * spm.<srcLang>.model} and {@code spm.<tgtLang>.model}.
   *
   * @param sourceFiles source-side training text (plain or gzip)
   * @param targetFiles target-side training text
   */
  public static SubwordVocabularies train(
      List<Path> sourceFiles,
      List<Path> targetFiles,
      String sourceLanguage,
      String targetLanguage,
      boolean joint,
      Path dir,
      SpmTrainOptions options) {
    if (joint) {
      List<Path> both = new java.util.ArrayList<>(sourceFiles);
      both.addAll(targetFiles);
      SpmModelFiles shared = SpmTrainer.train(both, dir.resolve("spm"), options);
      return new SubwordVocabularies(shared, shared);
    }
    SpmModelFiles source =
        SpmTrainer.train(sourceFiles, dir.resolve("spm." + sourceLanguage), options);
    SpmModelFiles target =
        SpmTrainer.train(targetFiles, dir.resolve("spm." + targetLanguage), options);
    return new SubwordVocabularies(source, target);
  }
}
