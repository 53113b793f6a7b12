package io.github.rela.training.loop;

import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.SentencePair;
import io.github.rela.model.tokenizer.SentencePieceTokenizer;
import io.github.rela.training.data.FilteredCorpus;
import io.github.rela.training.data.LengthFilter;
import io.github.rela.training.spm.SpmModelFiles;
import io.github.rela.training.spm.SpmModelType;
import io.github.rela.training.spm.SpmTrainOptions;
import io.github.rela.training.spm.SubwordVocabularies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of a run, ready for the loop: the subword models (trained once per run directory and
 * reused on resume), and the training and validation sets filtered and encoded as ids.
 *
 * @param validPairs the raw validation pairs, for BLEU
 */
public record TrainingData(
    SubwordVocabularies vocabularies,
    SentencePieceTokenizer sourceTokenizer,
    SentencePieceTokenizer targetTokenizer,
    TokenizedCorpus train,
    TokenizedCorpus valid,
    List<SentencePair> validPairs)
    implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

  /** Prepares the data of {@code config} in {@code run}. */
  public static TrainingData prepare(TrainConfig config, RunDirectory run, int maxLength)
      throws IOException {
    TrainConfig.Data data = config.data();
    Path dir = data.dir() != null ? Path.of(data.dir()) : DataPaths.dataDir();
    Path trainSource = file(dir, data.train(), data.sourceLanguage());
    Path trainTarget = file(dir, data.train(), data.targetLanguage());
    SubwordVocabularies vocabularies = vocabularies(config, run, trainSource, trainTarget);
    SentencePieceTokenizer source = SentencePieceTokenizer.load(vocabularies.source().model());
    SentencePieceTokenizer target = SentencePieceTokenizer.load(vocabularies.target().model());
    LengthFilter filter = new LengthFilter(data.minTokens(), data.maxTokens(), data.maxRatio());
    FilteredCorpus train =
        FilteredCorpus.read(trainSource, trainTarget, filter, FilteredCorpus::wordCount);
    LOG.info("Training pairs: {}", train.counts());
    FilteredCorpus valid =
        FilteredCorpus.read(
            file(dir, data.valid(), data.sourceLanguage()),
            file(dir, data.valid(), data.targetLanguage()),
            new LengthFilter(1, Integer.MAX_VALUE, Double.MAX_VALUE),
            FilteredCorpus::wordCount);
    return new TrainingData(
        vocabularies,
        source,
        target,
        TokenizedCorpus.encode(train.pairs(), source, target, maxLength),
        TokenizedCorpus.encode(valid.pairs(), source, target, maxLength),
        valid.pairs());
  }

  /** {@code <split>.<lang>.gz} if present, else the plain file. */
  static Path file(Path dir, String split, String language) {
    Path gz = dir.resolve(split + "." + language + ".gz");
    return Files.exists(gz) ? gz : dir.resolve(split + "." + language);
  }

  private static SubwordVocabularies vocabularies(
      TrainConfig config, RunDirectory run, Path trainSource, Path trainTarget) {
    TrainConfig.Tokenizer spec = config.tokenizer();
    String src = config.data().sourceLanguage();
    String tgt = config.data().targetLanguage();
    SpmModelFiles joint = SpmModelFiles.forPrefix(run.root().resolve("spm"));
    SpmModelFiles sourceFiles = SpmModelFiles.forPrefix(run.root().resolve("spm." + src));
    SpmModelFiles targetFiles = SpmModelFiles.forPrefix(run.root().resolve("spm." + tgt));
    if (spec.joint() && Files.exists(joint.model())) {
      return new SubwordVocabularies(joint, joint);
    }
    if (!spec.joint() && Files.exists(sourceFiles.model()) && Files.exists(targetFiles.model())) {
      return new SubwordVocabularies(sourceFiles, targetFiles);
    }
    LOG.info("Training the SentencePiece model ({} pieces)", spec.vocabSize());
    SpmTrainOptions options =
        SpmTrainOptions.defaults()
            .withVocabSize(spec.vocabSize())
            .withModelType(SpmModelType.valueOf(spec.modelType().toUpperCase(Locale.ROOT)))
            .withCharacterCoverage(spec.characterCoverage());
    return SubwordVocabularies.train(
        List.of(trainSource), List.of(trainTarget), src, tgt, spec.joint(), run.root(), options);
  }

  @Override
  public void close() {
    sourceTokenizer.close();
    if (targetTokenizer != sourceTokenizer) {
      targetTokenizer.close();
    }
  }
}
