package io.github.rela.model.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.TargetVocabulary;
import org.junit.jupiter.api.Test;

class StepViewTest {
  private static final SpecialIds IDS = SpecialIds.PROJECT;

  @Test
  void entropyIsThatOfEachRowsDistribution() {
    StepView view = new StepView(IDS, 0);
    try (NDManager manager = NDManager.newBaseManager()) {
      // row 0: all logits equal -> uniform over 6 tokens; row 1: one token far ahead -> about 0
      NDArray logits =
          manager.create(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50}, new Shape(2, 6));
      StepScores scores = new StepScores(logits, null, TargetVocabulary.all(6));
      float[] entropy = view.candidates(scores, 5, 1).entropies(); // [R]
      assertEquals(2, entropy.length);
      assertEquals(Math.log(6), entropy[0], 1e-5);
      assertEquals(0, entropy[1], 1e-5);
    }
  }

  @Test
  void candidatesAreEachRowsBestAllowedTokensBestFirst() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // PAD, BOS and (before the minimum length) EOS score highest but are never candidates
      float[] row = new float[8];
      row[IDS.padId()] = 9;
      row[IDS.bosId()] = 8;
      row[IDS.eosId()] = 7;
      int first = firstOrdinary(3);
      int second = firstOrdinary(first + 1);
      row[first] = 2;
      row[second] = 3;
      NDArray logits = manager.create(row, new Shape(1, 8));
      StepScores scores = new StepScores(logits, null, TargetVocabulary.all(8));

      StepView.RowCandidates early = new StepView(IDS, 2).candidates(scores, 1, 2);
      assertArrayEquals(new int[] {second, first}, early.tokens());
      float[] expected = logits.logSoftmax(1).toFloatArray();
      assertArrayEquals(new float[] {expected[second], expected[first]}, early.logProbabilities());

      StepView.RowCandidates late = new StepView(IDS, 2).candidates(scores, 2, 2);
      assertArrayEquals(new int[] {IDS.eosId(), second}, late.tokens());
    }
  }

  @Test
  void aSmallVocabularyGivesEveryAllowedToken() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logits = manager.create(new float[] {0, 1, 2, 3, 4, 5}, new Shape(1, 6));
      StepScores scores = new StepScores(logits, null, TargetVocabulary.all(6));
      StepView.RowCandidates candidates = new StepView(IDS, 0).candidates(scores, 0, 8);
      assertEquals(4, candidates.perRow()); // six pieces less PAD and BOS
    }
  }

  /** The first id at or after {@code from} that is not PAD, BOS or EOS. */
  private static int firstOrdinary(int from) {
    int id = from;
    while (id == IDS.padId() || id == IDS.bosId() || id == IDS.eosId()) {
      id++;
    }
    return id;
  }
}
