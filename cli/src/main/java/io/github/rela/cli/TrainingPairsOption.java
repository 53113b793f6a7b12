package io.github.rela.cli;

import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.evaluation.corpus.ParallelCorpusReader;
import io.github.rela.evaluation.corpus.SentencePair;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.tokenizer.SentencePieceTokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The parallel training data that lexical statistics are counted on ({@code rela shortlist}, {@code
 * rela lexicon}), tokenized with the checkpoint's own tokenizers.
 */
public final class TrainingPairsOption {

  @Option(
      names = "--train-source",
      paramLabel = "FILE",
      description =
          "Training sources (plain or .gz); default: Multi30k train in the data directory.")
  Path trainSource;

  @Option(
      names = "--train-target",
      paramLabel = "FILE",
      description = "Training targets, line by line with the sources; default: Multi30k train.")
  Path trainTarget;

  /**
   * Tokenized sentence pairs of a corpus.
   *
   * @param sources source piece ids of each pair
   * @param targets target piece ids of each pair
   * @param sourceFile where the sources came from
   * @param targetFile where the targets came from
   */
  public record TokenizedPairs(int[][] sources, int[][] targets, Path sourceFile, Path targetFile) {

    /** Number of sentence pairs. */
    public int size() {
      return sources.length;
    }

    /** Where the pairs came from, for a file's comment line. */
    public String describe() {
      return "built from "
          + size()
          + " pairs: "
          + sourceFile.getFileName()
          + ", "
          + targetFile.getFileName();
    }
  }

  /**
   * Reads the training pairs and tokenizes them with checkpoint {@code checkpoint}'s tokenizers.
   */
  TokenizedPairs tokenize(Path checkpoint, CheckpointConfig config, PrintWriter out)
      throws IOException {
    Path source = trainSource != null ? trainSource : train(config.sourceLanguage());
    Path target = trainTarget != null ? trainTarget : train(config.targetLanguage());
    List<SentencePair> pairs;
    try (Stream<SentencePair> stream = ParallelCorpusReader.stream(source, target)) {
      pairs = stream.toList();
    }
    out.printf("tokenizing %d sentence pairs of %s and %s%n", pairs.size(), source, target);
    out.flush();
    int[][] sources = new int[pairs.size()][];
    int[][] targets = new int[pairs.size()][];
    var specialIds = config.tokenizer().specialIds();
    try (SentencePieceTokenizer sourceTokenizer =
            SentencePieceTokenizer.load(
                checkpoint.resolve(config.tokenizer().sourceModel()), specialIds);
        SentencePieceTokenizer targetTokenizer =
            SentencePieceTokenizer.load(
                checkpoint.resolve(config.tokenizer().targetModel()), specialIds)) {
      for (int i = 0; i < pairs.size(); i++) {
        sources[i] = sourceTokenizer.encode(pairs.get(i).source());
        targets[i] = targetTokenizer.encode(pairs.get(i).target());
      }
    }
    return new TokenizedPairs(sources, targets, source, target);
  }

  private static Path train(String language) {
    return Multi30k.TRAIN.file(DataPaths.dataDir(), language);
  }
}
