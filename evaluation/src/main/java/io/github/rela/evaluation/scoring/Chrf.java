package io.github.rela.evaluation.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * chrF, the character n-gram F-score (Popović, 2015, https://aclanthology.org/W15-3049), and chrF++
 * with word n-grams (Popović, 2017), computed as sacreBLEU 2.x does. With several references each
 * segment keeps the statistics of the reference with the best F-score; corpus chrF sums those
 * statistics before computing precision and recall.
 */
public final class Chrf {

  /** The epsilon of chrF++.py's smoothing. */
  private static final double EPS = 1e-16;

  /** Python's {@code string.punctuation}, split off word ends for word n-grams. */
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private final ChrfOptions options;

  public Chrf(ChrfOptions options) {
    this.options = options;
  }

  /** chrF2 with sacreBLEU's defaults. */
  public static Chrf withDefaults() {
    return new Chrf(ChrfOptions.defaults());
  }

  /** Corpus chrF2 with sacreBLEU's defaults; see {@link #corpusScore}. */
  public static ChrfScore corpus(List<String> hypotheses, List<List<String>> referenceStreams) {
    return withDefaults().corpusScore(hypotheses, referenceStreams);
  }

  public ChrfOptions options() {
    return options;
  }

  /**
   * Scores a corpus.
   *
   * @param hypotheses one segment per line
   * @param referenceStreams one or more reference streams aligned with the hypotheses; {@code null}
   *     entries are left out
   */
  public ChrfScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
    References.checkAligned(hypotheses, referenceStreams);
    long[] sum = new long[3 * options.order()];
    for (int i = 0; i < hypotheses.size(); i++) {
      long[] stats = segmentStatistics(hypotheses.get(i), References.at(referenceStreams, i));
      for (int k = 0; k < sum.length; k++) {
        sum[k] += stats[k];
      }
    }
    return new ChrfScore(options.name(), fScore(sum));
  }

  /**
   * Sentence-level chrF: one hypothesis against its references, at least one (sacreBLEU's
   * sentence_chrf).
   */
  public ChrfScore sentenceScore(String hypothesis, List<String> references) {
    References.checkNotEmpty(references);
    return new ChrfScore(options.name(), fScore(segmentStatistics(hypothesis, references)));
  }

  /** sacreBLEU's signature, e.g. {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|...}. */
  public String signature(int numRefs) {
    return "nrefs:%s|case:%s|eff:%s|nc:%d|nw:%d|space:%s|version:%s"
        .formatted(
            References.signatureCount(numRefs),
            options.lowercase() ? "lc" : "mixed",
            options.epsSmoothing() ? "no" : "yes",
            options.charOrder(),
            options.wordOrder(),
            options.whitespace() ? "yes" : "no",
            References.SIGNATURE_VERSION);
  }

  /**
   * The [hyp, ref, match] counts per order (characters first, then words) against the reference
   * with the highest F-score; the first one wins a tie.
   */
  long[] segmentStatistics(String hypothesis, List<String> references) {
    List<Map<String, Integer>> hypNgrams = ngrams(preprocess(hypothesis));
    long[] best = new long[3 * options.order()];
    double bestScore = -1.0;
    for (String reference : references) {
      List<Map<String, Integer>> refNgrams = ngrams(preprocess(reference));
      long[] stats = new long[3 * options.order()];
      for (int n = 0; n < options.order(); n++) {
        matchStatistics(hypNgrams.get(n), refNgrams.get(n), stats, 3 * n);
      }
      double score = fScore(stats);
      if (score > bestScore) {
        bestScore = score;
        best = stats;
      }
    }
    return best;
  }

  /** The F-beta score (0-100) of summed statistics. */
  double fScore(long[] stats) {
    double factor = options.beta() * options.beta();
    double smoothedSum = 0.0;
    double avgPrecision = 0.0;
    double avgRecall = 0.0;
    int effectiveOrder = 0;
    for (int n = 0; n < options.order(); n++) {
      long hyp = stats[3 * n];
      long ref = stats[3 * n + 1];
      long match = stats[3 * n + 2];
      double precision = hyp > 0 ? (double) match / hyp : EPS;
      double recall = ref > 0 ? (double) match / ref : EPS;
      double denominator = factor * precision + recall;
      smoothedSum += denominator > 0 ? (1 + factor) * precision * recall / denominator : EPS;
      if (hyp > 0 && ref > 0) {
        avgPrecision += precision;
        avgRecall += recall;
        effectiveOrder++;
      }
    }
    if (options.epsSmoothing()) {
      return 100 * smoothedSum / options.order();
    }
    if (effectiveOrder == 0) {
      return 0.0;
    }
    avgPrecision /= effectiveOrder;
    avgRecall /= effectiveOrder;
    if (avgPrecision + avgRecall == 0) {
      return 0.0;
    }
    return 100 * (1 + factor) * avgPrecision * avgRecall / (factor * avgPrecision + avgRecall);
  }

  /**
   * Adds hypothesis, reference and matched counts of one order at {@code offset}. Hypothesis
   * n-grams are not counted when the reference has none of this order, as in sacreBLEU.
   */
  private static void matchStatistics(
      Map<String, Integer> hyp, Map<String, Integer> ref, long[] stats, int offset) {
    long hypCount = 0;
    long matchCount = 0;
    for (Map.Entry<String, Integer> e : hyp.entrySet()) {
      hypCount += e.getValue();
      matchCount += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
    }
    stats[offset] = ref.isEmpty() ? 0 : hypCount;
    stats[offset + 1] = NgramCounts.sum(ref);
    stats[offset + 2] = matchCount;
  }

  private String preprocess(String segment) {
    return options.lowercase() ? PythonText.lower(segment) : segment;
  }

  /** Character n-grams of orders 1..charOrder followed by word n-grams of orders 1..wordOrder. */
  private List<Map<String, Integer>> ngrams(String segment) {
    String chars = options.whitespace() ? segment : PythonText.removeWhitespace(segment);
    List<Map<String, Integer>> all =
        new ArrayList<>(NgramCounts.characters(chars, options.charOrder()));
    if (options.wordOrder() > 0) {
      all.addAll(NgramCounts.words(splitPunctuation(segment), options.wordOrder()));
    }
    return all;
  }

  /**
   * chrF++'s word tokenization: one trailing punctuation mark, or else one leading one, becomes a
   * word of its own.
   */
  private static List<String> splitPunctuation(String segment) {
    List<String> words = new ArrayList<>();
    for (String word : PythonText.split(segment)) {
      int length = word.codePointCount(0, word.length());
      int last = word.codePointBefore(word.length());
      int first = word.codePointAt(0);
      if (length == 1) {
        words.add(word);
      } else if (isPunctuation(last)) {
        int cut = word.length() - Character.charCount(last);
        words.add(word.substring(0, cut));
        words.add(word.substring(cut));
      } else if (isPunctuation(first)) {
        int cut = Character.charCount(first);
        words.add(word.substring(0, cut));
        words.add(word.substring(cut));
      } else {
        words.add(word);
      }
    }
    return words;
  }

  private static boolean isPunctuation(int codePoint) {
    return codePoint < 128 && PUNCTUATION.indexOf(codePoint) >= 0;
  }
}
