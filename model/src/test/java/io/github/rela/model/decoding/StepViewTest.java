package io.github.rela.model.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.TargetVocabulary;
import org.junit.jupiter.api.Test;

class StepViewTest {

  @Test
  void entropyIsThatOfEachRowsAllowedDistribution() {
    SpecialIds ids = SpecialIds.PROJECT;
    StepView view = new StepView(ids, 0);
    try (NDManager manager = NDManager.newBaseManager()) {
      // row 0: all logits equal, PAD and BOS forbidden -> uniform over 4 of 6 tokens
      // row 1: one token far ahead of the rest -> entropy near 0
      NDArray logits =
          manager.create(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50}, new Shape(2, 6));
      StepScores scores = new StepScores(logits, null, TargetVocabulary.all(6));
      float[] entropy = StepView.entropy(view.logProbabilities(scores, 5)); // [R]
      assertEquals(2, entropy.length);
      // the bias removes PAD and BOS without renormalising: 4 tokens of probability 1/6 each
      assertEquals(4 * (1 / 6.0) * Math.log(6), entropy[0], 1e-5);
      assertEquals(0, entropy[1], 1e-5);
    }
  }
}
