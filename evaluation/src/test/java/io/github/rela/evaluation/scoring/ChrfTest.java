package io.github.rela.evaluation.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values come from sacreBLEU's test_chrf.py and README. */
class ChrfTest {

  private static final double EPSILON = 1e-4;

  private static final ChrfOptions BETA3 = ChrfOptions.defaults().withBeta(3);

  static Stream<Arguments> epsSmoothingCases() {
    return Stream.of(
        Arguments.of(List.of("abcdefg"), List.of("hijklmnop"), 0.0),
        Arguments.of(List.of("a"), List.of("b"), 0.0),
        Arguments.of(List.of(""), List.of("b"), 0.0),
        Arguments.of(List.of(""), List.of("ref"), 0.0),
        Arguments.of(List.of(""), List.of("reference"), 0.0),
        Arguments.of(List.of("aa"), List.of("ab"), 8.3333),
        Arguments.of(List.of("a", "b"), List.of("a", "c"), 8.3333),
        Arguments.of(List.of("a"), List.of("a"), 16.6667),
        Arguments.of(List.of("a b c"), List.of("a b c"), 50.0),
        Arguments.of(List.of("a b c"), List.of("abc"), 50.0),
        Arguments.of(
            List.of(
                " risk assessment must be made of those who are qualified and expertise in the"
                    + " sector - these are the scientists ."),
            List.of(
                "risk assessment has to be undertaken by those who are qualified and expert in"
                    + " that area - that is the scientists ."),
            63.361730),
        Arguments.of(
            List.of(
                " Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "),
            List.of(
                "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."),
            64.1302698),
        Arguments.of(
            List.of("Niemand hat die Absicht, eine Mauer zu errichten"),
            List.of("Niemand hat die Absicht, eine Mauer zu errichten"),
            100.0));
  }

  @ParameterizedTest
  @MethodSource("epsSmoothingCases")
  void shouldMatchSacreBleuWithEpsSmoothing(List<String> hyps, List<String> refs, double expected) {
    // Given chrF3 with chrF++.py's epsilon smoothing
    Chrf chrf = new Chrf(BETA3.withEpsSmoothing(true));
    // When the corpus is scored
    double score = chrf.corpusScore(hyps, List.of(refs)).score();
    // Then the score is sacreBLEU's
    assertEquals(expected, score, EPSILON);
  }

  static Stream<Arguments> effectiveOrderCases() {
    return Stream.of(
        Arguments.of(List.of("a"), List.of("a"), 100.0),
        Arguments.of(List.of(""), List.of("reference"), 0.0),
        Arguments.of(List.of("a b c"), List.of("a b c"), 100.0),
        Arguments.of(List.of("a b c"), List.of("abc"), 100.0),
        Arguments.of(List.of(""), List.of("c"), 0.0),
        Arguments.of(List.of("a", "b"), List.of("a", "c"), 50.0),
        Arguments.of(List.of("aa"), List.of("ab"), 25.0));
  }

  @ParameterizedTest
  @MethodSource("effectiveOrderCases")
  void shouldMatchSacreBleuWithEffectiveOrder(
      List<String> hyps, List<String> refs, double expected) {
    // Given chrF3 with sacreBLEU's default effective-order averaging
    Chrf chrf = new Chrf(BETA3);
    // When the corpus is scored
    double score = chrf.corpusScore(hyps, List.of(refs)).score();
    // Then the score is sacreBLEU's
    assertEquals(expected, score, EPSILON);
  }

  static Stream<Arguments> keepWhitespaceCases() {
    return Stream.of(
        Arguments.of(
            "Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.",
            "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.",
            67.3481606),
        Arguments.of(
            "risk assessment must be made of those who are qualified and expertise in the sector"
                + " - these are the scientists .",
            "risk assessment has to be undertaken by those who are qualified and expert in that"
                + " area - that is the scientists .",
            65.2414427));
  }

  @ParameterizedTest
  @MethodSource("keepWhitespaceCases")
  void shouldMatchSacreBleuWhenKeepingWhitespace(String hyp, String ref, double expected) {
    // Given chrF3 that keeps whitespace in character n-grams
    Chrf chrf = new Chrf(BETA3.withWhitespace(true));
    // When the corpus is scored
    double score = chrf.corpusScore(List.of(hyp), List.of(List.of(ref))).score();
    // Then the score is sacreBLEU's
    assertEquals(expected, score, EPSILON);
  }

  static Stream<Arguments> sentenceCases() {
    return Stream.of(
        Arguments.of(
            "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
            "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.",
            39.14078509),
        Arguments.of(
            "Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
            "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.",
            31.22557079),
        Arguments.of(
            "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
            "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít,"
                + " připomněli.",
            57.15704367));
  }

  @ParameterizedTest
  @MethodSource("sentenceCases")
  void shouldMatchSacreBleuSentenceChrf(String hyp, String ref, double expected) {
    // Given sentence-level chrF2 with epsilon smoothing
    Chrf chrf = new Chrf(ChrfOptions.defaults().withEpsSmoothing(true));
    // When one sentence is scored
    double score = chrf.sentenceScore(hyp, List.of(ref)).score();
    // Then the score is sacreBLEU's
    assertEquals(expected, score, EPSILON);
  }

  @Test
  void shouldMatchSacreBleuReadmeWithTwoReferences() {
    // Given sacreBLEU's README example with two reference streams
    List<String> hyps =
        List.of("The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");
    List<List<String>> refs =
        List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of(
                "The dog had bit the man.",
                "No one was surprised.",
                "The man had bitten the dog."));
    // When default chrF scores it
    ChrfScore score = Chrf.corpus(hyps, refs);
    // Then it prints as the README shows
    assertEquals("chrF2 = 59.73", score.format(2));
  }

  @Test
  void shouldCountCharactersOutsideTheBmpOnce() {
    // Given a hypothesis that differs from its reference only in one astral character
    Chrf chrf = Chrf.withDefaults();
    // When both are scored
    double same = chrf.sentenceScore("a\uD835\uDD18b", List.of("a\uD835\uDD18b")).score();
    long[] stats = chrf.segmentStatistics("\uD835\uDD18", List.of("\uD835\uDD18"));
    // Then the astral character is one unigram, as in Python
    assertEquals(100.0, same, 1e-9);
    assertEquals(1, stats[0]);
    assertEquals(0, stats[3]);
  }

  @Test
  void shouldNameChrfPlusPlusAndWriteSignature() {
    // Given chrF with word bigrams
    Chrf chrf = new Chrf(ChrfOptions.defaults().withWordOrder(2));
    // When named and signed
    String name = chrf.sentenceScore("a b", List.of("a b")).name();
    // Then the name has two plus signs and the signature sacreBLEU's fields
    assertEquals("chrF2++", name);
    assertEquals("nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.x", chrf.signature(1));
  }
}
