package io.github.rela.training.data;

import io.github.rela.evaluation.corpus.ParallelCorpusReader;
import io.github.rela.evaluation.corpus.SentencePair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * A parallel corpus read into memory after length filtering, with the filter's counts.
 *
 * @param pairs the kept pairs in file order
 * @param counts kept and dropped pairs
 */
public record FilteredCorpus(List<SentencePair> pairs, FilterCounts counts) {

  public FilteredCorpus {
    pairs = List.copyOf(pairs);
  }

  /** Whitespace-separated words: the token count before subword segmentation. */
  public static int wordCount(String sentence) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < sentence.length(); i++) {
      boolean space = Character.isWhitespace(sentence.charAt(i));
      if (!space && !inWord) {
        count++;
      }
      inWord = !space;
    }
    return count;
  }

  /**
   * Reads and filters two aligned files.
   *
   * @param tokenCounter counts the tokens of one sentence, e.g. {@link #wordCount} or the length of
   *     its subword encoding
   */
  public static FilteredCorpus read(
      Path source, Path target, LengthFilter filter, ToIntFunction<String> tokenCounter) {
    List<SentencePair> kept = new ArrayList<>();
    FilterCounts counts = new FilterCounts();
    try (Stream<SentencePair> pairs = ParallelCorpusReader.stream(source, target)) {
      pairs.forEach(
          pair -> {
            int sourceTokens = tokenCounter.applyAsInt(pair.source());
            int targetTokens = tokenCounter.applyAsInt(pair.target());
            filter
                .check(sourceTokens, targetTokens)
                .ifPresentOrElse(
                    counts::drop,
                    () -> {
                      counts.keep();
                      kept.add(pair);
                    });
          });
    }
    return new FilteredCorpus(kept, counts);
  }
}
