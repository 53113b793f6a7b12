package io.github.rela.model.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.support.TinyModels;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.Transformer;
import io.github.rela.model.translate.BatchDecoder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding over a vocabulary shortlist, on the copy-task model (each piece translates to itself).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShortlistDecodingTest {
  private static final SpecialIds IDS = SpecialIds.PROJECT;

  private NDManager manager;
  private Transformer model;
  private List<int[]> sources;

  @BeforeAll
  void createModel() {
    manager = NDManager.newBaseManager();
    model = CopyTask.train(manager, 300, 7);
    sources = CopyTask.sources(new Random(5), 12);
  }

  @AfterAll
  void closeModel() {
    manager.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldDecodeAsTheWholeVocabularyWhenTheShortlistHoldsTheCopy(int beam) {
    // Given: every source piece brings in itself, the copy
    Shortlist identity = new Shortlist(new int[0], selfCandidates());
    // When
    List<Hypothesis> whole = decoder(beam, null).decode(sources);
    List<Hypothesis> shortlisted = decoder(beam, identity).decode(sources);
    // Then: the same copies (the log-probabilities differ: they are normalised over fewer pieces)
    for (int n = 0; n < sources.size(); n++) {
      assertArrayEquals(whole.get(n).tokens(), shortlisted.get(n).tokens(), "source " + n);
      assertTrue(shortlisted.get(n).logProbability() >= whole.get(n).logProbability() - 1e-4f);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldOnlyGenerateTheBatchShortlistPieces(int beam) {
    // Given: no source piece brings in anything; only the frequent pieces 9 and 10 remain
    Shortlist narrow = new Shortlist(new int[] {9, 10}, Map.of());
    // When
    List<Hypothesis> results = decoder(beam, narrow).decode(sources);
    // Then
    for (Hypothesis hypothesis : results) {
      for (int token : hypothesis.tokens()) {
        assertTrue(token == 9 || token == 10, "generated " + token);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldMatchFullRecomputationOverTheShortlist(int beam) {
    // Given
    Shortlist partial = new Shortlist(new int[] {4, 5}, selfCandidates());
    DecodingOptions incremental = DecodingOptions.defaults().withBeamSize(beam);
    // When
    List<Hypothesis> cached = decoder(incremental, partial).decode(sources);
    List<Hypothesis> recomputed =
        decoder(incremental.withStepMode(StepMode.RECOMPUTE), partial).decode(sources);
    // Then
    for (int n = 0; n < sources.size(); n++) {
      assertArrayEquals(recomputed.get(n).tokens(), cached.get(n).tokens());
      assertEquals(recomputed.get(n).logProbability(), cached.get(n).logProbability(), 1e-4f);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void shouldIgnoreTheShortlistWhenTheOptionIsOff(int beam) {
    // Given
    Shortlist narrow = new Shortlist(new int[] {9, 10}, Map.of());
    DecodingOptions off = DecodingOptions.defaults().withBeamSize(beam).withShortlist(false);
    // When
    List<Hypothesis> whole = decoder(beam, null).decode(sources);
    List<Hypothesis> ignored = decoder(off, narrow).decode(sources);
    // Then
    for (int n = 0; n < sources.size(); n++) {
      assertArrayEquals(whole.get(n).tokens(), ignored.get(n).tokens());
      assertEquals(whole.get(n).logProbability(), ignored.get(n).logProbability(), 0f);
    }
  }

  private Map<Integer, int[]> selfCandidates() {
    Set<Integer> pieces =
        sources.stream().flatMapToInt(Arrays::stream).boxed().collect(Collectors.toSet());
    Map<Integer, int[]> candidates = new HashMap<>();
    IntStream.range(4, TinyModels.VOCAB)
        .filter(pieces::contains)
        .forEach(piece -> candidates.put(piece, new int[] {piece}));
    return candidates;
  }

  private BatchDecoder decoder(int beam, Shortlist shortlist) {
    return decoder(DecodingOptions.defaults().withBeamSize(beam), shortlist);
  }

  private BatchDecoder decoder(DecodingOptions options, Shortlist shortlist) {
    return new BatchDecoder(model, manager, IDS, options, shortlist);
  }
}
