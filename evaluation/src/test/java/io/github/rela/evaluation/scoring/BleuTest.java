package io.github.rela.evaluation.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values come from sacreBLEU's own tests (test_bleu.py, test_sentence_bleu.py). */
class BleuTest {

  private static final double EPSILON = 1e-8;

  private static final List<String> HYPS =
      List.of("The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
  private static final List<List<String>> REFS =
      List.of(
          List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
          List.of(
              "The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));

  /** sacreBLEU's {@code raw_corpus_bleu}: floor smoothing, no tokenization, effective order. */
  private static Bleu raw(double floor) {
    return new Bleu(
        BleuOptions.defaults()
            .withTokenization(BleuTokenization.NONE)
            .withSmoothing(BleuSmoothing.FLOOR, floor)
            .withEffectiveOrder(true));
  }

  static Stream<Arguments> corpusCases() {
    BleuOptions defaults = BleuOptions.defaults();
    return Stream.of(
        Arguments.of(HYPS, defaults, 48.530827),
        Arguments.of(List.of("", "", ""), defaults, 0.0),
        Arguments.of(HYPS, defaults.withTokenization(BleuTokenization.NONE), 49.1919566),
        Arguments.of(HYPS, defaults.withSmoothing(BleuSmoothing.NONE, Double.NaN), 48.530827));
  }

  @ParameterizedTest
  @MethodSource("corpusCases")
  void shouldMatchSacreBleuCorpusScores(List<String> hyps, BleuOptions options, double expected) {
    // Given sacreBLEU's README example with two reference streams
    Bleu bleu = new Bleu(options);
    // When the corpus is scored
    double score = bleu.corpusScore(hyps, REFS).score();
    // Then the score is sacreBLEU's
    assertEquals(expected, score, EPSILON);
  }

  static Stream<Arguments> maxOrderCases() {
    return Stream.of(
        Arguments.of(1, "77.65"),
        Arguments.of(2, "60.50"),
        Arguments.of(3, "53.93"),
        Arguments.of(4, "48.53"),
        Arguments.of(5, "46.14"),
        Arguments.of(6, "43.28"));
  }

  @ParameterizedTest
  @MethodSource("maxOrderCases")
  void shouldMatchSacreBleuForEachMaxOrder(int order, String expected) {
    // Given BLEU with another maximum n-gram order
    Bleu bleu = new Bleu(BleuOptions.defaults().withMaxNgramOrder(order));
    // When the README example is scored
    double score = bleu.corpusScore(HYPS, REFS).score();
    // Then the two-decimal score is sacreBLEU's
    assertEquals(expected, String.format(java.util.Locale.ROOT, "%.2f", score));
  }

  static Stream<Arguments> rawCases() {
    return Stream.of(
        Arguments.of(List.of("this is a test", "another test"), List.of("ref1", "ref2"), 0.0),
        Arguments.of(List.of("this is a test"), List.of("this is a test"), 1.0),
        Arguments.of(List.of("this is a fest"), List.of("this is a test"), 0.223606797749979),
        Arguments.of(List.of("test"), List.of("a test"), 0.3678794411714425),
        Arguments.of(List.of("a test"), List.of("a test"), 1.0),
        Arguments.of(List.of("a little test"), List.of("a test"), 0.03218297948685433));
  }

  @ParameterizedTest
  @MethodSource("rawCases")
  void shouldMatchSacreBleuRawAndEffectiveOrderScores(
      List<String> hyps, List<String> refs, double expected) {
    // Given raw BLEU with a 0.01 floor and effective order
    Bleu bleu = raw(0.01);
    // When scored
    double score = bleu.corpusScore(hyps, List.of(refs)).score() / 100;
    // Then the score is sacreBLEU's
    assertEquals(expected, score, EPSILON);
  }

  @Test
  void shouldCountStatisticsLikeSacreBleu() {
    // Given sacreBLEU's statistics case
    List<String> hyp = List.of("am I am a character sequence");
    List<List<String>> ref = List.of(List.of("I am a symbol string sequence a a"));
    // When scored with and without the default floor of 0.1
    BleuScore withFloor = raw(Double.NaN).corpusScore(hyp, ref);
    BleuScore withoutFloor = raw(0.0).corpusScore(hyp, ref);
    // Then counts, totals and both scores are sacreBLEU's
    assertArrayEquals(new long[] {4, 2, 1, 0}, withFloor.statistics().correct());
    assertArrayEquals(new long[] {6, 5, 4, 3}, withFloor.statistics().total());
    assertEquals(0.1555722182, withFloor.score() / 100, EPSILON);
    assertEquals(0.0, withoutFloor.score() / 100, EPSILON);
  }

  @Test
  void shouldScoreStatisticsLikeSacreBleu() {
    // Given sacreBLEU's scoring case, computed with no smoothing
    BleuStatistics stats =
        new BleuStatistics(11, 11, new long[] {9, 7, 5, 3}, new long[] {10, 8, 6, 4});
    Bleu bleu = new Bleu(BleuOptions.defaults().withSmoothing(BleuSmoothing.NONE, Double.NaN));
    // When the score is computed from the statistics
    double score = bleu.score(stats).score() / 100;
    // Then it is sacreBLEU's
    assertEquals(0.8375922397, score, EPSILON);
  }

  static Stream<Arguments> degenerateCases() {
    return Stream.of(
        Arguments.of(new long[] {0, 0, 0, 0}, new long[] {4, 4, 2, 1}, 0, 1, 0.0),
        Arguments.of(new long[] {0, 0, 0, 0}, new long[] {10, 11, 12, 0}, 14, 10, 0.0),
        Arguments.of(new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0}, 0, 0, 0.0),
        Arguments.of(new long[] {6, 5, 4, 0}, new long[] {6, 5, 4, 3}, 6, 6, 0.0),
        Arguments.of(new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0}, 0, 0, 0.1),
        Arguments.of(new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0}, 1, 5, 0.01));
  }

  @ParameterizedTest
  @MethodSource("degenerateCases")
  void shouldScoreDegenerateStatisticsAsZero(
      long[] correct, long[] total, int hypLength, int refLength, double floor) {
    // Given statistics with no matches or a zero-match order, and floor smoothing
    Bleu bleu = new Bleu(BleuOptions.defaults().withSmoothing(BleuSmoothing.FLOOR, floor));
    // When scored
    double score = bleu.score(new BleuStatistics(hypLength, refLength, correct, total)).score();
    // Then BLEU is exactly 0, as in sacreBLEU
    assertEquals(0.0, score);
  }

  static Stream<Arguments> sentenceCases() {
    return Stream.of(
        Arguments.of(BleuSmoothing.EXP, Double.NaN, BleuTokenization.THIRTEEN_A, 8.493),
        Arguments.of(BleuSmoothing.NONE, Double.NaN, BleuTokenization.THIRTEEN_A, 0.0),
        Arguments.of(BleuSmoothing.FLOOR, Double.NaN, BleuTokenization.THIRTEEN_A, 4.51688),
        Arguments.of(BleuSmoothing.FLOOR, 0.1, BleuTokenization.THIRTEEN_A, 4.51688),
        Arguments.of(BleuSmoothing.FLOOR, 0.5, BleuTokenization.THIRTEEN_A, 10.10),
        Arguments.of(BleuSmoothing.ADD_K, Double.NaN, BleuTokenization.THIRTEEN_A, 14.882),
        Arguments.of(BleuSmoothing.ADD_K, 1.0, BleuTokenization.THIRTEEN_A, 14.882),
        Arguments.of(BleuSmoothing.ADD_K, 2.0, BleuTokenization.THIRTEEN_A, 21.389),
        Arguments.of(BleuSmoothing.EXP, Double.NaN, BleuTokenization.NONE, 7.347));
  }

  @ParameterizedTest
  @MethodSource("sentenceCases")
  void shouldMatchSacreBleuSentenceScores(
      BleuSmoothing smoothing, double value, BleuTokenization tokenization, double expected) {
    // Given sentence BLEU with effective order (sacreBLEU issue #98's example)
    Bleu bleu =
        new Bleu(
            BleuOptions.defaults()
                .withSmoothing(smoothing, value)
                .withTokenization(tokenization)
                .withEffectiveOrder(true));
    String ref = "producţia de zahăr brut se exprimă în zahăr alb;";
    String sys = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";
    // When the sentence is scored
    double score = bleu.sentenceScore(sys, List.of(ref)).score();
    // Then the score is sacreBLEU's (its tests allow 1e-3)
    assertEquals(expected, score, 1e-3);
  }

  @ParameterizedTest
  @MethodSource("io.github.rela.evaluation.scoring.BleuTest#allSmoothings")
  void shouldScoreZeroWhenNothingMatches(BleuSmoothing smoothing) {
    // Given a sentence with no word in common with its reference (sacreBLEU issue #141)
    Bleu bleu =
        new Bleu(
            BleuOptions.defaults().withSmoothing(smoothing, Double.NaN).withEffectiveOrder(true));
    // When scored
    double score = bleu.sentenceScore("this is a cat", List.of("okay thanks")).score();
    // Then BLEU is 0 whatever the smoothing
    assertEquals(0.0, score, 1e-3);
  }

  static Stream<BleuSmoothing> allSmoothings() {
    return Stream.of(BleuSmoothing.values());
  }

  @Test
  void shouldPrintLikeSacreBleu() {
    // Given the README example scored with the defaults
    BleuScore score = Bleu.corpus(HYPS, REFS);
    // When formatted
    String line = score.format(2);
    // Then the line has sacreBLEU's layout and figures
    assertEquals(
        "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)",
        line);
  }

  @Test
  void shouldWriteSacreBleuSignature() {
    // Given default BLEU
    Bleu bleu = Bleu.withDefaults();
    // When its signature for two references is written
    String signature = bleu.signature(2);
    // Then it names sacreBLEU's default settings
    assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.x", signature);
  }

  @Test
  void shouldRejectMisalignedReferences() {
    // Given a reference stream shorter than the hypotheses
    List<List<String>> refs = List.of(List.of("only one"));
    // When scored, then it fails with a message naming the sizes
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> Bleu.withDefaults().corpusScore(List.of("a", "b"), refs));
    assertEquals(
        "Reference stream 1 has 1 segments but there are 2 hypotheses", error.getMessage());
  }
}
