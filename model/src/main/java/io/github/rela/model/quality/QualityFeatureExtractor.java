package io.github.rela.model.quality;

import io.github.rela.model.decoding.Alternative;
import io.github.rela.model.decoding.Hypothesis;
import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.tokenizer.SpecialIds;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the quality features of one decoded sentence from what decoding already hands back: the
 * per-token log-probabilities of the chosen hypothesis (read off its node chain, so beam reordering
 * is followed) and its cross-attention, which the translator copies from the engine anyway for the
 * alignment and the published evidence. Nothing is copied from the device for these features.
 *
 * <p>Families (names as in {@code quality.json}):
 *
 * <ul>
 *   <li>log-probabilities: {@code lp_mean}, {@code lp_min}, {@code lp_std} over the generated
 *       tokens (EOS included when generated), {@code lp_eos} (EOS, or the last token when the
 *       hypothesis hit the length limit), {@code lp_low_share} (tokens below probability 0.5),
 *       {@code lp_entropy} and {@code lp_entropy_max} (mean and largest entropy, in nats, of the
 *       next-token distributions the tokens were chosen from: the search copies one float per row
 *       and step for these, never the distribution); {@code lp_mean_log}, {@code lp_min_log},
 *       {@code lp_std_log}, {@code lp_entropy_log}: the logarithms of -lp_mean, -lp_min, lp_std and
 *       lp_entropy (plus a small floor that keeps them finite for a sentence the model is sure of),
 *       which spread out the confident end where most sentences lie and squeeze the long tail, so
 *       that a linear model on them ranks better;
 *   <li>length: {@code length_ratio} (log of target over source pieces), {@code source_length} (log
 *       pieces), {@code unfinished} (1 when the length limit cut the hypothesis);
 *   <li>ReLA attention: {@code null_rate}; {@code null_l<l>h<h>} per decoder layer and head; {@code
 *       uncovered_l<l>} (share of source pieces, EOS excluded, that no head of layer l gave any
 *       weight at any step: ReLA's zeros are exact, so this counts omissions); {@code attn_entropy}
 *       (mean entropy of the non-null rows, normalised by log S: dispersion); {@code attn_eos}
 *       (mean weight share of the non-null rows on the source EOS: attention parked on EOS is a
 *       hallucination sign);
 *   <li>output: {@code repeat_rate} (share of target piece bigrams seen earlier in the output),
 *       {@code copy_rate} (share of target word-start pieces also in the source: a sign of input
 *       the model did not understand), {@code word_start_share}, {@code digit_mismatch} (share of
 *       digits not matched between source and translation);
 *   <li>search: {@code nbest_gap} (normalised score of the best hypothesis minus the runner-up's, 0
 *       without one) and {@code nbest_agreement} (mean bag-of-pieces F1 of the best hypothesis with
 *       each alternative the beam ended with, 1 without any): a model that is sure ends with close
 *       variants far behind, an unsure one with different translations at similar scores;
 *   <li>source: {@code src_pieces_per_word}, {@code src_rare_share} (pieces with an id in the upper
 *       half of the vocabulary: SentencePiece orders pieces by frequency), {@code src_unk_share},
 *       {@code src_rank} (mean log id over log vocabulary size), {@code src_char_pieces} (share of
 *       one-character pieces), {@code src_nonletter_share} (share of non-letter, non-space
 *       characters);
 *   <li>lexical, when the checkpoint has a lexical table ({@link LexicalTable}, IBM Model 1 from
 *       the training data): {@code lex_source_min}, the log of how well the translation accounts
 *       for its least explained source piece (min over source pieces s of log max over the output
 *       pieces t and NULL of p(s | t), floored at {@value #LEXICAL_FLOOR}): a content word that was
 *       dropped or mistranslated has no translation in the output. Unlike everything above it does
 *       not come from the model, so it sees mistakes the model is confident about.
 * </ul>
 *
 * <p>Specials (PAD, UNK, BOS, EOS) never count as pieces of the lexical feature.
 */
public final class QualityFeatureExtractor {
  private static final String WORD_START = "\u2581";
  private static final double LOG_HALF = Math.log(0.5);
  private static final double LEXICAL_FLOOR = 1e-7;

  private static final Set<String> LEXICAL_FEATURES = Set.of("lex_source_min");

  private final int layers;
  private final int heads;
  private final int vocabSize;
  private final SpecialIds specialIds;
  private final LexicalTable lexicon;

  /**
   * @param vocabSize the source vocabulary's size
   * @param lexicon the checkpoint's lexical table, or null for no lexical features
   */
  public QualityFeatureExtractor(
      int layers, int heads, int vocabSize, SpecialIds specialIds, LexicalTable lexicon) {
    this.layers = layers;
    this.heads = heads;
    this.vocabSize = vocabSize;
    this.specialIds = specialIds;
    this.lexicon = lexicon;
  }

  /**
   * The features of one sentence.
   *
   * @param sourceIds the source ids the model read, EOS last
   * @param sourcePieces their pieces, EOS last
   * @param targetPieces the generated pieces, EOS excluded
   * @param best the chosen hypothesis, with attention kept
   */
  public QualityFeatures extract(
      String source,
      String translation,
      int[] sourceIds,
      List<String> sourcePieces,
      List<String> targetPieces,
      Hypothesis best) {
    Map<String, Double> values = new LinkedHashMap<>();
    logProbabilities(values, best);
    int sourceLength = sourceIds.length;
    values.put("length_ratio", Math.log((targetPieces.size() + 1.0) / Math.max(1, sourceLength)));
    values.put("source_length", Math.log(sourceLength));
    values.put("unfinished", best.finished() ? 0.0 : 1.0);
    attention(values, best.attention(), sourceLength);
    output(values, source, translation, sourcePieces, targetPieces);
    search(values, best);
    sourceSide(values, source, sourceIds, sourcePieces);
    if (lexicon != null) {
      values.put("lex_source_min", leastExplained(sourceIds, best.tokens()));
    }
    return new QualityFeatures(values);
  }

  /** Those of {@code features} that need a lexical table, in their order. */
  public static List<String> lexical(List<String> features) {
    return features.stream().filter(LEXICAL_FEATURES::contains).toList();
  }

  /** {@code lex_source_min}: log of the smallest best explanation of a source piece. */
  private double leastExplained(int[] sourceIds, int[] targetIds) {
    int[] targets = Arrays.stream(targetIds).filter(id -> !specialIds.contains(id)).toArray();
    double least = Double.POSITIVE_INFINITY; // stays so for a source of specials only
    for (int source : sourceIds) {
      if (!specialIds.contains(source)) {
        least = Math.min(least, lexicon.bestExplanation(source, targets));
      }
    }
    return Math.log(Math.max(least == Double.POSITIVE_INFINITY ? 0 : least, LEXICAL_FLOOR));
  }

  private static void logProbabilities(Map<String, Double> values, Hypothesis best) {
    float[] lp = best.tokenLogProbabilities(); // [T (+1 with EOS)]
    double sum = 0;
    double min = 0;
    int low = 0;
    for (float p : lp) {
      sum += p;
      min = Math.min(min, p);
      low += p < LOG_HALF ? 1 : 0;
    }
    int n = Math.max(1, lp.length);
    double mean = sum / n;
    double squares = 0;
    for (float p : lp) {
      squares += (p - mean) * (p - mean);
    }
    values.put("lp_mean", mean);
    values.put("lp_min", min);
    values.put("lp_std", Math.sqrt(squares / n));
    values.put("lp_eos", lp.length == 0 ? 0.0 : lp[lp.length - 1]);
    values.put("lp_low_share", low / (double) n);
    entropies(values, best.tokenEntropies());
    values.put("lp_mean_log", Math.log(0.02 - mean));
    values.put("lp_min_log", Math.log(0.01 - min));
    values.put("lp_std_log", Math.log(Math.sqrt(squares / n) + 0.01));
    values.put("lp_entropy_log", Math.log(values.get("lp_entropy") + 0.05));
  }

  /** Mean and largest next-token entropy over the generated tokens. */
  private static void entropies(Map<String, Double> values, float[] entropies) {
    double sum = 0;
    double max = 0;
    for (float h : entropies) {
      sum += h;
      max = Math.max(max, h);
    }
    values.put("lp_entropy", sum / Math.max(1, entropies.length));
    values.put("lp_entropy_max", max);
  }

  /**
   * The ReLA attention family.
   *
   * @param dense per target token [L * H * S], layer-major
   */
  private void attention(Map<String, Double> values, List<float[]> dense, int sourceLength) {
    int blocks = layers * heads;
    long[] nullRows = new long[blocks];
    boolean[][] covered = new boolean[layers][sourceLength];
    double entropy = 0;
    double onEos = 0;
    long nonNull = 0;
    for (float[] token : dense) {
      for (int block = 0; block < blocks; block++) {
        int offset = block * sourceLength;
        double mass = 0;
        for (int s = 0; s < sourceLength; s++) {
          float w = token[offset + s];
          if (w != 0f) {
            mass += w;
            covered[block / heads][s] = true;
          }
        }
        if (mass == 0) {
          nullRows[block]++;
          continue;
        }
        nonNull++;
        entropy += rowEntropy(token, offset, sourceLength, mass);
        onEos += token[offset + sourceLength - 1] / mass;
      }
    }
    int steps = Math.max(1, dense.size());
    long allNull = 0;
    for (int block = 0; block < blocks; block++) {
      allNull += nullRows[block];
    }
    values.put("null_rate", allNull / (double) (steps * blocks));
    for (int block = 0; block < blocks; block++) {
      values.put(
          "null_l%dh%d".formatted(block / heads, block % heads), nullRows[block] / (double) steps);
    }
    for (int l = 0; l < layers; l++) {
      values.put("uncovered_l" + l, uncovered(covered[l]));
    }
    values.put("attn_entropy", nonNull == 0 ? 0.0 : entropy / nonNull);
    values.put("attn_eos", nonNull == 0 ? 0.0 : onEos / nonNull);
  }

  /** Entropy of one row normalised to sum 1, over log S (0: one position, 1: uniform). */
  private static double rowEntropy(float[] token, int offset, int sourceLength, double mass) {
    if (sourceLength < 2) {
      return 0;
    }
    double h = 0;
    for (int s = 0; s < sourceLength; s++) {
      double p = token[offset + s] / mass;
      if (p > 0) {
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(sourceLength);
  }

  /** Share of source pieces (EOS, the last position, excluded) never attended. */
  private static double uncovered(boolean[] covered) {
    int pieces = covered.length - 1;
    if (pieces <= 0) {
      return 0;
    }
    int missed = 0;
    for (int s = 0; s < pieces; s++) {
      missed += covered[s] ? 0 : 1;
    }
    return missed / (double) pieces;
  }

  private static void output(
      Map<String, Double> values,
      String source,
      String translation,
      List<String> sourcePieces,
      List<String> targetPieces) {
    Set<String> bigrams = new HashSet<>();
    int repeats = 0;
    for (int i = 1; i < targetPieces.size(); i++) {
      String bigram = targetPieces.get(i - 1) + " " + targetPieces.get(i);
      repeats += bigrams.add(bigram) ? 0 : 1;
    }
    values.put("repeat_rate", repeats / (double) Math.max(1, targetPieces.size() - 1));
    Set<String> sourceSet = new HashSet<>(sourcePieces);
    int starts = 0;
    int copied = 0;
    for (String piece : targetPieces) {
      if (piece.startsWith(WORD_START)) {
        starts++;
        copied += sourceSet.contains(piece) ? 1 : 0;
      }
    }
    values.put("copy_rate", copied / (double) Math.max(1, starts));
    values.put("word_start_share", starts / (double) Math.max(1, targetPieces.size()));
    values.put("digit_mismatch", digitMismatch(source, translation));
  }

  /** Share of digits (both sides together) left unmatched by the other side, per digit value. */
  private static double digitMismatch(String source, String translation) {
    int[] counts = new int[10];
    int total = 0;
    for (char c : source.toCharArray()) {
      if (c >= '0' && c <= '9') {
        counts[c - '0']++;
        total++;
      }
    }
    for (char c : translation.toCharArray()) {
      if (c >= '0' && c <= '9') {
        counts[c - '0']--;
        total++;
      }
    }
    int unmatched = 0;
    for (int count : counts) {
      unmatched += Math.abs(count);
    }
    return total == 0 ? 0 : unmatched / (double) total;
  }

  private static void search(Map<String, Double> values, Hypothesis best) {
    List<Alternative> alternatives = best.alternatives();
    values.put(
        "nbest_gap",
        alternatives.isEmpty() ? 0.0 : (double) best.score() - alternatives.get(0).score());
    double agreement = 0;
    for (Alternative alternative : alternatives) {
      agreement += bagF1(best.tokens(), alternative.tokens());
    }
    values.put("nbest_agreement", alternatives.isEmpty() ? 1.0 : agreement / alternatives.size());
  }

  /** F1 of the two multisets of token ids (1 for two empty sequences). */
  private static double bagF1(int[] a, int[] b) {
    if (a.length + b.length == 0) {
      return 1;
    }
    Map<Integer, Integer> counts = new HashMap<>();
    for (int token : a) {
      counts.merge(token, 1, Integer::sum);
    }
    int common = 0;
    for (int token : b) {
      Integer left = counts.get(token);
      if (left != null && left > 0) {
        counts.put(token, left - 1);
        common++;
      }
    }
    return 2.0 * common / (a.length + b.length);
  }

  private void sourceSide(
      Map<String, Double> values, String source, int[] sourceIds, List<String> sourcePieces) {
    int pieces = sourceIds.length - 1; // EOS excluded
    int words = 0;
    int rare = 0;
    int unknown = 0;
    int oneChar = 0;
    double rank = 0;
    for (int i = 0; i < pieces; i++) {
      String piece = sourcePieces.get(i);
      words += piece.startsWith(WORD_START) ? 1 : 0;
      rare += sourceIds[i] >= vocabSize / 2 ? 1 : 0;
      unknown += sourceIds[i] == specialIds.unkId() ? 1 : 0;
      oneChar += piece.replace(WORD_START, "").length() <= 1 ? 1 : 0;
      rank += Math.log(sourceIds[i] + 1.0) / Math.log(vocabSize);
    }
    double n = Math.max(1, pieces);
    values.put("src_pieces_per_word", pieces / (double) Math.max(1, words));
    values.put("src_rare_share", rare / n);
    values.put("src_unk_share", unknown / n);
    values.put("src_rank", rank / n);
    values.put("src_char_pieces", oneChar / n);
    values.put("src_nonletter_share", nonLetterShare(source));
  }

  private static double nonLetterShare(String source) {
    int chars = 0;
    int other = 0;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      chars++;
      other += Character.isLetter(c) ? 0 : 1;
    }
    return chars == 0 ? 0 : other / (double) chars;
  }
}
