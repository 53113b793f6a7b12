package io.github.rela.model.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.rela.model.support.TinyModels;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.EncoderOutput;
import io.github.rela.model.transformer.Transformer;
import io.github.rela.model.translate.BatchDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Search behaviour on a tiny seeded model, every behaviour at beam 1 (greedy) and beam 4. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTest {
  private static final float TOLERANCE = 1e-4f;
  private static final List<int[]> SOURCES =
      List.of(
          new int[] {4, 5, 6, 7, 3},
          new int[] {8, 3},
          new int[] {9, 10, 4, 3},
          new int[] {5, 5, 6, 7, 8, 9, 3});

  private NDManager manager;
  private Transformer model;

  /** A model trained on the copy task, so that hypotheses end with EOS at different steps. */
  @BeforeAll
  void createModel() {
    manager = NDManager.newBaseManager();
    model = CopyTask.train(manager, 300, 7);
  }

  @AfterAll
  void closeModel() {
    manager.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldFindTheCopyWithATrainedModel(int beam) {
    // Given
    List<int[]> sources = CopyTask.sources(new Random(99), 20);
    // When
    List<Hypothesis> results =
        decoder(DecodingOptions.defaults().withBeamSize(beam)).decode(sources);
    // Then
    long copies = 0;
    for (int n = 0; n < sources.size(); n++) {
      int[] source = sources.get(n);
      boolean copied =
          Arrays.equals(Arrays.copyOf(source, source.length - 1), results.get(n).tokens());
      copies += copied && results.get(n).finished() ? 1 : 0;
    }
    assertTrue(copies >= 16, copies + " of 20 copied");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldMatchFullRecomputationWhenDecodingIncrementally(int beam) {
    // Given
    DecodingOptions incremental = options(beam);
    DecodingOptions recompute = incremental.withStepMode(StepMode.RECOMPUTE);
    // When
    List<Hypothesis> cached = decoder(incremental).decode(SOURCES);
    List<Hypothesis> recomputed = decoder(recompute).decode(SOURCES);
    // Then
    assertSameHypotheses(recomputed, cached);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldGiveTheSameResultsInABatchAsOneByOne(int beam) {
    // Given
    BatchDecoder decoder = decoder(options(beam));
    // When
    List<Hypothesis> batched = decoder.decode(SOURCES);
    List<Hypothesis> single =
        SOURCES.stream().map(source -> decoder.decode(List.of(source)).get(0)).toList();
    // Then
    assertSameHypotheses(single, batched);
  }

  @Test
  void shouldMatchGreedySearchAtBeamOne() {
    // Given
    DecodingOptions beamOne = options(1);
    BatchDecoder greedy = decoder(beamOne);
    SpecialIds ids = SpecialIds.PROJECT;
    BatchDecoder beamSearch =
        new BatchDecoder(model, manager, ids, beamOne, new BeamSearch(beamOne, ids), null);
    // When
    List<Hypothesis> expected = greedy.decode(SOURCES);
    List<Hypothesis> actual = beamSearch.decode(SOURCES);
    // Then
    assertTrue(SearchStrategy.of(beamOne, ids) instanceof GreedySearch);
    assertSameHypotheses(expected, actual);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldDropFinishedSourcesFromTheBatch(int beam) {
    // Given
    DecodingOptions options = options(beam);
    SearchStrategy strategy = SearchStrategy.of(options, SpecialIds.PROJECT);
    List<Integer> rowsPerStep = new ArrayList<>();
    int[] lengths = SOURCES.stream().mapToInt(ids -> ids.length).toArray();
    int[] maxLengths =
        Arrays.stream(lengths).map(length -> options.maxLength(length, 32)).toArray();
    List<Hypothesis> results;
    // When
    try (NDManager batch = manager.newSubManager()) {
      ParameterStore store = new ParameterStore(batch, false);
      EncoderOutput encoded = model.encode(store, padded(batch), false);
      try (DecodingSession session =
          new CountingSession(
              StepMode.INCREMENTAL.open(model, store, encoded, beam), rowsPerStep)) {
        results = strategy.search(session, lengths, maxLengths);
      }
    }
    // Then: the first step decodes one row per source (all G hold BOS), the next G per source
    // (no source can finish at the first step: G finished hypotheses need G live rows); the rows
    // shrink by whole sources as they finish, and no step runs past the longest
    int allRows = SOURCES.size() * beam;
    assertEquals(SOURCES.size(), rowsPerStep.get(0));
    if (beam > 1) {
      assertEquals(allRows, rowsPerStep.get(1));
    }
    assertTrue(rowsPerStep.get(1) <= allRows);
    for (int step = 2; step < rowsPerStep.size(); step++) {
      assertEquals(0, rowsPerStep.get(step) % beam);
      assertTrue(rowsPerStep.get(step) <= rowsPerStep.get(step - 1));
    }
    assertTrue(rowsPerStep.get(rowsPerStep.size() - 1) < allRows);
    assertTrue(rowsPerStep.size() <= Arrays.stream(maxLengths).max().orElseThrow());
    assertEquals(SOURCES.size(), results.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldGenerateExactlyTheForcedLength(int beam) {
    // Given
    DecodingOptions forced = options(beam).withMinLength(6).withMaxLength(0f, 6);
    // When
    List<Hypothesis> results = decoder(forced).decode(SOURCES);
    // Then
    for (Hypothesis hypothesis : results) {
      assertEquals(6, hypothesis.tokens().length);
      assertFalse(hypothesis.finished());
      assertEquals(6, hypothesis.attention().size());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldNeverGeneratePaddingOrBos(int beam) {
    // Given
    BatchDecoder decoder = decoder(options(beam).withMaxLength(0f, 12));
    // When
    List<Hypothesis> results = decoder.decode(SOURCES);
    // Then
    assertEquals(SOURCES.size(), results.size());
    for (Hypothesis hypothesis : results) {
      for (int token : hypothesis.tokens()) {
        assertTrue(token != TinyModels.PAD && token != TinyModels.BOS && token != TinyModels.EOS);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldKeepOneAttentionRowPerTokenOverTheUnpaddedSource(int beam) {
    // Given
    BatchDecoder decoder = decoder(options(beam));
    int blocks = model.config().decoderLayers() * model.config().numHeads();
    // When
    List<Hypothesis> results = decoder.decode(SOURCES);
    // Then
    for (int n = 0; n < SOURCES.size(); n++) {
      Hypothesis hypothesis = results.get(n);
      assertEquals(hypothesis.tokens().length, hypothesis.attention().size());
      for (float[] row : hypothesis.attention()) {
        assertEquals(blocks * SOURCES.get(n).length, row.length);
      }
    }
  }

  private static NDArray padded(NDManager batch) {
    long[][] rows = new long[SOURCES.size()][7];
    for (int n = 0; n < SOURCES.size(); n++) {
      for (int i = 0; i < SOURCES.get(n).length; i++) {
        rows[n][i] = SOURCES.get(n)[i];
      }
    }
    return TinyModels.ids(batch, rows); // [4, 7], padded with 0
  }

  private BatchDecoder decoder(DecodingOptions options) {
    return new BatchDecoder(model, manager, SpecialIds.PROJECT, options);
  }

  private static DecodingOptions options(int beam) {
    return DecodingOptions.defaults().withBeamSize(beam).withMaxLength(1f, 4);
  }

  private static void assertSameHypotheses(List<Hypothesis> expected, List<Hypothesis> actual) {
    assertEquals(expected.size(), actual.size());
    for (int n = 0; n < expected.size(); n++) {
      Hypothesis want = expected.get(n);
      Hypothesis got = actual.get(n);
      assertArrayEquals(want.tokens(), got.tokens(), "tokens of source " + n);
      assertEquals(want.logProbability(), got.logProbability(), TOLERANCE, "log-prob of " + n);
      assertEquals(want.score(), got.score(), TOLERANCE, "score of source " + n);
      assertEquals(want.finished(), got.finished());
      assertEquals(want.attention().size(), got.attention().size());
      for (int t = 0; t < want.attention().size(); t++) {
        assertArrayEquals(want.attention().get(t), got.attention().get(t), TOLERANCE);
      }
    }
  }
}
