package io.github.rela.model.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.rela.model.decoding.Hypothesis;
import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.tokenizer.SpecialIds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityFeatureExtractorTest {
  // 1 layer, 2 heads, source "▁Ein ▁Hund </s>" (S = 3), target "▁A ▁dog" then EOS
  private static final QualityFeatureExtractor EXTRACTOR =
      new QualityFeatureExtractor(1, 2, 100, SpecialIds.PROJECT, null);

  private static QualityFeatures extract(List<float[]> attention, float[] tokenLogProbabilities) {
    return extract(EXTRACTOR, attention, tokenLogProbabilities);
  }

  private static QualityFeatures extract(
      QualityFeatureExtractor extractor, List<float[]> attention, float[] tokenLogProbabilities) {
    Hypothesis best =
        new Hypothesis(
            new int[] {10, 11},
            -1.5f,
            -1.5f,
            true,
            attention,
            tokenLogProbabilities,
            List.of(),
            new float[] {0.5f, 2.0f, 0.2f});
    return extractor.extract(
        "Ein Hund 2",
        "A dog",
        new int[] {20, 80, 3},
        List.of("\u2581Ein", "\u2581Hund", "</s>"),
        List.of("\u2581A", "\u2581dog"),
        best);
  }

  @Test
  void countsNullRowsPerHeadAndSourcePiecesNoHeadAttended() {
    List<float[]> attention =
        List.of(
            new float[] {1, 0, 0, /* head 1: null */ 0, 0, 0},
            new float[] {0.5f, 0, 0.5f, /* head 1 */ 0, 0, 1});
    QualityFeatures f = extract(attention, new float[] {-0.1f, -0.2f, -1.2f});
    assertEquals(0.25, f.get("null_rate"));
    assertEquals(0.0, f.get("null_l0h0"));
    assertEquals(0.5, f.get("null_l0h1"));
    assertEquals(0.5, f.get("uncovered_l0"), "Hund got no weight; EOS is not counted");
    // non-null rows: one-hot (entropy 0, EOS 0), half/half (ln 2 / ln 3, EOS 0.5), EOS only
    assertEquals((Math.log(2) / Math.log(3)) / 3, f.get("attn_entropy"), 1e-6);
    assertEquals((0 + 0.5 + 1) / 3, f.get("attn_eos"), 1e-6);
  }

  @Test
  void summarisesTokenLogProbabilitiesAndTheSourceSide() {
    List<float[]> attention = List.of(new float[6], new float[6]);
    QualityFeatures f = extract(attention, new float[] {-0.1f, -0.2f, -1.2f});
    assertEquals(-0.5, f.get("lp_mean"), 1e-6);
    assertEquals(-1.2, f.get("lp_min"), 1e-6);
    assertEquals(-1.2, f.get("lp_eos"), 1e-6);
    assertEquals(1 / 3.0, f.get("lp_low_share"), 1e-6);
    assertEquals(0.9, f.get("lp_entropy"), 1e-6);
    assertEquals(2.0, f.get("lp_entropy_max"), 1e-6);
    assertEquals(Math.log(0.52), f.get("lp_mean_log"), 1e-6);
    assertEquals(Math.log(1.21), f.get("lp_min_log"), 1e-6);
    assertEquals(Math.log(0.95), f.get("lp_entropy_log"), 1e-6);
    assertEquals(0.5, f.get("src_rare_share"), "id 80 of 100 is in the upper half");
    assertEquals(1.0, f.get("src_pieces_per_word"));
    assertEquals(1.0, f.get("digit_mismatch"), "the source's 2 is missing from the output");
    assertEquals(0.0, f.get("copy_rate"));
    assertEquals(Math.log(3), f.get("source_length"), 1e-12);
  }

  @Test
  void lexicalFeatureIsTheLeastExplainedSourcePiece() {
    // source Ein (20), Hund (80), EOS; output A (10), dog (11)
    LexicalTable lexicon =
        new LexicalTable(
            Map.of(20, 0.01), // NULL
            Map.of(10, Map.of(20, 0.6), 11, Map.of(80, 0.3, 20, 0.05)));
    QualityFeatureExtractor extractor =
        new QualityFeatureExtractor(1, 2, 100, SpecialIds.PROJECT, lexicon);
    QualityFeatures f =
        extract(extractor, List.of(new float[6], new float[6]), new float[] {-0.1f, -0.2f, -1.2f});
    // Ein: max(0.01, 0.6, 0.05) = 0.6; Hund: 0.3 (EOS is not a piece here)
    assertEquals(Math.log(0.3), f.get("lex_source_min"), 1e-6);

    Hypothesis dropped =
        new Hypothesis(
            new int[] {10},
            -1f,
            -1f,
            true,
            List.of(new float[6]),
            new float[] {-0.1f, -0.9f},
            List.of(),
            new float[] {0.5f, 0.2f});
    QualityFeatures g =
        extractor.extract(
            "Ein Hund",
            "A",
            new int[] {20, 80, 3},
            List.of("\u2581Ein", "\u2581Hund", "</s>"),
            List.of("\u2581A"),
            dropped);
    assertEquals(Math.log(1e-7), g.get("lex_source_min"), 1e-6, "nothing translates Hund");
    assertFalse(
        extract(List.of(new float[6], new float[6]), new float[] {-0.1f, -0.2f, -1.2f})
            .values()
            .containsKey("lex_source_min"),
        "no table, no lexical feature");
  }
}
