package io.github.rela.model.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.ModelConfig;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.quality.QualityEstimator;
import io.github.rela.model.quality.QualityModelFile;
import io.github.rela.model.support.QualityModels;
import io.github.rela.model.support.TinyModels;
import io.github.rela.model.tokenizer.SentencePieceTokenizer;
import io.github.rela.model.transformer.Transformer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The translator facade on a tiny seeded model and the 64-piece test tokenizer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslatorTest {
  private static final int MAX_LENGTH = 16;
  private static final List<String> SENTENCES =
      List.of(
          "A man walks along das wasser.",
          "Eine frau",
          "A woman läuft über a small boat near a green field.",
          "A dog.");

  private NDManager manager;
  private Transformer model;
  private SentencePieceTokenizer tokenizer;

  @BeforeAll
  void createModel() throws Exception {
    manager = NDManager.newBaseManager();
    ModelConfig config =
        TinyModels.config(AttentionKind.RELA_G).toBuilder()
            .vocabSize(64)
            .maxLength(MAX_LENGTH)
            .build();
    model = TinyModels.initialised(config, manager, DataType.FLOAT32);
    tokenizer = SentencePieceTokenizer.load(tokenizerFile());
  }

  @AfterAll
  void close() {
    tokenizer.close();
    manager.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldReturnResultsInInputOrder(int beam) {
    // Given
    Translator translator = translator(beam, 2, AttentionView.HEADS);
    // When
    List<Translation> batched = translator.translate(SENTENCES);
    List<Translation> single = SENTENCES.stream().map(translator::translate).toList();
    // Then
    assertEquals(SENTENCES.size(), batched.size());
    for (int i = 0; i < SENTENCES.size(); i++) {
      assertEquals(SENTENCES.get(i), batched.get(i).source());
      assertEquals(single.get(i).targetTokens(), batched.get(i).targetTokens());
      assertEquals(single.get(i).translation(), batched.get(i).translation());
      assertEquals(single.get(i).score(), batched.get(i).score(), 1e-4);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldTranslateAnEmptyLineToAnEmptyString(int beam) {
    // Given
    Translator translator = translator(beam, 8, AttentionView.HEADS);
    // When
    List<Translation> results = translator.translate(List.of("A dog.", "", "  "));
    // Then
    assertFalse(results.get(0).targetTokens().isEmpty());
    for (Translation empty : results.subList(1, 3)) {
      assertEquals("", empty.translation());
      assertTrue(empty.targetTokens().isEmpty());
      assertTrue(empty.alignment().isEmpty());
      assertEquals(0.0, empty.nullRate());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldTruncateAnOverLongSentenceToTheModelMaximum(int beam) {
    // Given
    Translator translator = translator(beam, 8, AttentionView.HEADS);
    String longSentence = "A man walks along das wasser. ".repeat(10);
    // When
    Translation result = translator.translate(longSentence);
    Translation normal = translator.translate("A dog.");
    // Then
    assertTrue(result.truncated());
    assertEquals(MAX_LENGTH, result.sourceTokens().size());
    assertEquals("</s>", result.sourceTokens().get(MAX_LENGTH - 1));
    assertFalse(normal.truncated());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldReportNullRateAndSparsityOfTheReturnedAttention(int beam) {
    // Given
    Translator translator = translator(beam, 4, AttentionView.HEADS);
    // When
    List<Translation> results = translator.translate(SENTENCES);
    // Then
    for (Translation result : results) {
      SparseAttention attention = result.attention();
      int rows = 0;
      int nullRows = 0;
      int nonZero = 0;
      for (SparseRow row : attention.rows()) {
        rows++;
        nullRows += row.isNull() ? 1 : 0;
        nonZero += row.positions().length;
      }
      assertEquals(
          model.config().decoderLayers() * model.config().numHeads(),
          attention.layers() * attention.heads());
      assertEquals(result.targetTokens().size() * attention.layers() * attention.heads(), rows);
      assertEquals(result.sourceTokens().size(), attention.sourceLength());
      assertEquals(nullRows / (double) rows, result.nullRate(), 1e-12);
      assertEquals(
          1 - nonZero / (double) (rows * attention.sourceLength()), result.sparsity(), 1e-12);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldCarryQualityFeaturesThatAgreeWithTheHypothesis(int beam) {
    // Given a translator without quality.json
    Translator translator = translator(beam, 4, AttentionView.HEADS);
    // When
    List<Translation> results = translator.translate(SENTENCES);
    // Then every result carries features (the token log-probabilities followed back-pointers
    // when they average to the hypothesis' total) and no estimate
    for (Translation result : results) {
      var quality = result.quality();
      assertFalse(quality.hasEstimate());
      assertEquals(result.nullRate(), quality.features().get("null_rate"), 1e-12);
      int scored =
          result.targetTokens().size() + (quality.features().get("unfinished") == 0 ? 1 : 0);
      assertEquals(result.logProbability() / scored, quality.features().get("lp_mean"), 1e-4);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldAlignEveryTargetWordAtMostOnceWithinTheSentence(int beam) {
    // Given
    Translator translator = translator(beam, 4, AttentionView.LAST_LAYER);
    // When
    List<Translation> results = translator.translate(SENTENCES);
    // Then
    for (Translation result : results) {
      int sourceWords = WordAlignment.wordIndices(result.sourceTokens()).length;
      List<Integer> targets = result.alignment().stream().map(AlignmentLink::target).toList();
      assertEquals(targets.stream().distinct().count(), targets.size());
      for (AlignmentLink link : result.alignment()) {
        assertTrue(link.source() >= 0 && link.source() < sourceWords);
      }
      assertEquals(1, result.attention().layers());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldTranslateOnTwoThreadsSharingTheWeights(int beam) throws Exception {
    // Given: one translator (and tokenizer) per thread, one model
    List<Translation> expected = translator(beam, 2, AttentionView.HEADS).translate(SENTENCES);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    Callable<List<Translation>> task =
        () -> {
          try (SentencePieceTokenizer own = SentencePieceTokenizer.load(tokenizerFile())) {
            return translator(beam, 2, AttentionView.HEADS, own).translate(SENTENCES);
          }
        };
    // When
    List<Future<List<Translation>>> results;
    try {
      results = threads.invokeAll(List.of(task, task));
    } finally {
      threads.shutdown();
    }
    // Then
    for (Future<List<Translation>> result : results) {
      List<Translation> actual = result.get();
      for (int i = 0; i < SENTENCES.size(); i++) {
        assertEquals(expected.get(i).targetTokens(), actual.get(i).targetTokens());
        assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-4);
      }
    }
  }

  @Test
  void shouldComputeTheLexicalFeatureWithATableAndRefuseAnEstimatorNeedingOneWithout() {
    // Given an estimator that uses the lexical feature
    QualityModelFile usesLexicon = QualityModels.usingLexicalFeature();
    Translator.Builder builder =
        Translator.builder()
            .setModel(model)
            .setManager(manager)
            .setTokenizers(tokenizer, tokenizer)
            .optQualityEstimator(new QualityEstimator(usesLexicon));
    // When there is no lexical table, then the translator is refused with the way out
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(refused.getMessage().contains("lex_source_min"), refused.getMessage());
    assertTrue(refused.getMessage().contains(LexicalTable.FILE), refused.getMessage());
    // When there is one, then every result carries the feature and an estimate
    Translation translation =
        builder.optLexicon(new LexicalTable(Map.of(), Map.of())).build().translate("A dog.");
    assertEquals(Math.log(1e-7), translation.quality().features().get("lex_source_min"), 1e-9);
    assertTrue(translation.quality().estimate() != null);
  }

  private static Path tokenizerFile() throws Exception {
    return Path.of(TranslatorTest.class.getResource("/tokenizer/tiny.model").toURI());
  }

  private Translator translator(int beam, int batchSize, AttentionView view) {
    return translator(beam, batchSize, view, tokenizer);
  }

  private Translator translator(
      int beam, int batchSize, AttentionView view, SentencePieceTokenizer tokenizer) {
    return Translator.builder()
        .setModel(model)
        .setManager(manager)
        .setTokenizers(tokenizer, tokenizer)
        .optDecoding(DecodingOptions.defaults().withBeamSize(beam).withMaxLength(1f, 3))
        .optBatchSize(batchSize)
        .optAttentionView(view)
        .build();
  }
}
