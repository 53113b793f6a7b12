package io.github.rela.evaluation.scoring;

import java.util.List;
import java.util.Map;

/**
 * Corpus and sentence BLEU (Papineni et al., 2002, https://aclanthology.org/P02-1040), computed the
 * way sacreBLEU 2.x does so that scores printed here can be compared with published ones: the same
 * tokenizer, the same clipping against the per-n-gram maximum over references, the closest
 * reference length (shorter on ties) and the same smoothing arithmetic.
 */
public final class Bleu {

  /** What sacreBLEU's {@code my_log} returns for log(0), so that the score becomes exactly 0. */
  private static final double LOG_ZERO = -9999999999.0;

  private final BleuOptions options;

  public Bleu(BleuOptions options) {
    this.options = options;
  }

  /** BLEU with sacreBLEU's defaults. */
  public static Bleu withDefaults() {
    return new Bleu(BleuOptions.defaults());
  }

  /** Corpus BLEU with sacreBLEU's defaults; see {@link #corpusScore}. */
  public static BleuScore corpus(List<String> hypotheses, List<List<String>> referenceStreams) {
    return withDefaults().corpusScore(hypotheses, referenceStreams);
  }

  public BleuOptions options() {
    return options;
  }

  /**
   * Scores a corpus.
   *
   * @param hypotheses one segment per line
   * @param referenceStreams one or more reference streams, each aligned with the hypotheses; a
   *     {@code null} entry means that stream has no reference for that segment
   */
  public BleuScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
    References.checkAligned(hypotheses, referenceStreams);
    BleuStatistics sum = BleuStatistics.zero(options.maxNgramOrder());
    for (int i = 0; i < hypotheses.size(); i++) {
      sum = sum.plus(segmentStatistics(hypotheses.get(i), References.at(referenceStreams, i)));
    }
    return score(sum);
  }

  /** Scores one hypothesis against its references (at least one). */
  public BleuScore sentenceScore(String hypothesis, List<String> references) {
    References.checkNotEmpty(references);
    return score(segmentStatistics(hypothesis, references));
  }

  /** The sufficient statistics of one segment against its references. */
  public BleuStatistics segmentStatistics(String hypothesis, List<String> references) {
    int maxOrder = options.maxNgramOrder();
    // Clipping uses, per n-gram, the highest count in any one reference.
    List<Map<String, Integer>> refCounts = NgramCounts.emptyOrders(maxOrder);
    int[] refLengths = new int[references.size()];
    for (int r = 0; r < references.size(); r++) {
      List<String> tokens = PythonText.split(preprocess(references.get(r)));
      refLengths[r] = tokens.size();
      NgramCounts.mergeMax(refCounts, NgramCounts.words(tokens, maxOrder));
    }
    List<String> hypTokens = PythonText.split(preprocess(hypothesis));
    List<Map<String, Integer>> hypCounts = NgramCounts.words(hypTokens, maxOrder);
    long[] correct = new long[maxOrder];
    long[] total = new long[maxOrder];
    for (int n = 0; n < maxOrder; n++) {
      Map<String, Integer> refOrder = refCounts.get(n);
      for (Map.Entry<String, Integer> e : hypCounts.get(n).entrySet()) {
        total[n] += e.getValue();
        correct[n] += Math.min(e.getValue(), refOrder.getOrDefault(e.getKey(), 0));
      }
    }
    int hypLength = hypTokens.size();
    return new BleuStatistics(hypLength, closestRefLength(hypLength, refLengths), correct, total);
  }

  /** BLEU from (summed) statistics: sacreBLEU's {@code compute_bleu}. */
  public BleuScore score(BleuStatistics stats) {
    int maxOrder = options.maxNgramOrder();
    double bp = brevityPenalty(stats.hypLength(), stats.refLength());
    double[] precisions = new double[maxOrder];
    double[] correct = toDoubles(stats.correct());
    double[] total = toDoubles(stats.total());
    if (isAllZero(correct)) {
      return new BleuScore(0.0, stats, precisions, bp);
    }
    double smoothValue = options.smoothValue();
    double mtevalDivisor = 1.0;
    int effectiveOrder = maxOrder;
    for (int n = 1; n <= maxOrder; n++) {
      if (options.smoothing() == BleuSmoothing.ADD_K && n > 1) {
        correct[n - 1] += smoothValue;
        total[n - 1] += smoothValue;
      }
      if (total[n - 1] == 0) {
        break;
      }
      if (options.effectiveOrder()) {
        effectiveOrder = n;
      }
      if (correct[n - 1] != 0) {
        precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
      } else if (options.smoothing() == BleuSmoothing.EXP) {
        mtevalDivisor *= 2;
        precisions[n - 1] = 100.0 / (mtevalDivisor * total[n - 1]);
      } else if (options.smoothing() == BleuSmoothing.FLOOR) {
        precisions[n - 1] = 100.0 * smoothValue / total[n - 1];
      }
    }
    double logSum = 0.0;
    for (int i = 0; i < effectiveOrder; i++) {
      logSum += precisions[i] == 0.0 ? LOG_ZERO : Math.log(precisions[i]);
    }
    return new BleuScore(bp * Math.exp(logSum / effectiveOrder), stats, precisions, bp);
  }

  /**
   * sacreBLEU's signature, e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.x}.
   */
  public String signature(int numRefs) {
    String smooth = options.smoothing().signatureName();
    if (options.smoothing().takesValue()) {
      smooth += String.format(java.util.Locale.ROOT, "[%.2f]", options.smoothValue());
    }
    return "nrefs:%s|case:%s|eff:%s|tok:%s|smooth:%s|version:%s"
        .formatted(
            References.signatureCount(numRefs),
            options.lowercase() ? "lc" : "mixed",
            options.effectiveOrder() ? "yes" : "no",
            options.tokenization().signatureName(),
            smooth,
            References.SIGNATURE_VERSION);
  }

  private String preprocess(String segment) {
    String text = options.lowercase() ? PythonText.lower(segment) : segment;
    return options.tokenization().apply(PythonText.rstrip(text));
  }

  /** The reference length closest to the hypothesis length; the shorter one on a tie. */
  private static int closestRefLength(int hypLength, int[] refLengths) {
    int closestDiff = -1;
    int closestLength = -1;
    for (int refLength : refLengths) {
      int diff = Math.abs(hypLength - refLength);
      if (closestDiff == -1 || diff < closestDiff) {
        closestDiff = diff;
        closestLength = refLength;
      } else if (diff == closestDiff && refLength < closestLength) {
        closestLength = refLength;
      }
    }
    return closestLength;
  }

  private static double brevityPenalty(long hypLength, long refLength) {
    if (hypLength >= refLength) {
      return 1.0;
    }
    return hypLength > 0 ? Math.exp(1.0 - (double) refLength / hypLength) : 0.0;
  }

  private static double[] toDoubles(long[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static boolean isAllZero(double[] values) {
    for (double v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }
}
