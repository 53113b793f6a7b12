package io.github.rela.training.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.tokenizer.SpecialIds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalTableBuilderTest {
  // German: das 10, Haus 11, Buch 12, ein 13; English: the 20, house 21, book 22, a 23; EOS 3
  private static final int[][] GERMAN = {{10, 11, 3}, {10, 12, 3}, {13, 12, 3}};
  private static final int[][] ENGLISH = {{20, 21, 3}, {20, 22, 3}, {23, 22, 3}};
  private static final int[] SOURCES = {10, 11, 12, 13};

  @Test
  void learnsWhichWordTranslatesWhich() {
    LexicalTable table = build(20, 100);
    // the textbook example: co-occurrence alone ties das with Haus under "the"; EM resolves it
    assertTrue(table.probability(10, 20) > 0.9, "das | the");
    assertTrue(table.probability(11, 21) > 0.9, "Haus | house");
    assertTrue(table.probability(12, 22) > 0.9, "Buch | book");
    assertTrue(table.probability(13, 23) > 0.9, "ein | a");
    assertTrue(table.probability(11, 20) < 0.05, "Haus | the");
  }

  @Test
  void eachTargetsDistributionSumsToOneAndSpecialsAreDropped() {
    LexicalTable table = build(3, 100);
    for (int target : new int[] {20, 21, 22, 23}) {
      double sum = 0;
      for (int source : SOURCES) {
        sum += table.probability(source, target);
      }
      assertEquals(1.0, sum, 1e-6, "target " + target);
      assertEquals(0.0, table.probability(3, target), "EOS is no source piece");
    }
    double nullSum = 0;
    for (int source : SOURCES) {
      nullSum += table.nullProbability(source);
    }
    assertEquals(1.0, nullSum, 1e-6);
    assertEquals(4, table.targetCount(), "EOS is no target piece");
  }

  @Test
  void firstIterationSharesEachSourcePositionEvenly() {
    // from uniform probabilities each source position is shared in thirds (NULL and two targets):
    // "the" collects 1/3 of das twice, of Haus and of Buch once, 4/3 in all, half of it das's
    LexicalTable table = build(1, 100);
    assertEquals(2.0 / 4, table.probability(10, 20), 1e-9);
    assertEquals(1.0 / 4, table.probability(11, 20), 1e-9);
  }

  @Test
  void keepsOnlyTheMostProbableSourcesPerTarget() {
    LexicalTable table = build(20, 1);
    assertEquals(5, table.entryCount(), "one per target and NULL");
    assertTrue(table.probability(10, 20) > 0.9);
    assertEquals(0.0, table.probability(11, 20));
  }

  @Test
  void reportsEachIterationAndRejectsMismatchedCorpora() {
    List<Integer> seen = new ArrayList<>();
    new LexicalTableBuilder(3, 10, SpecialIds.PROJECT).build(GERMAN, ENGLISH, 30, seen::add);
    assertEquals(List.of(1, 2, 3), seen);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LexicalTableBuilder(3, 10, SpecialIds.PROJECT)
                .build(GERMAN, new int[2][], 30, i -> {}));
    assertThrows(
        IllegalArgumentException.class, () -> new LexicalTableBuilder(0, 10, SpecialIds.PROJECT));
  }

  private static LexicalTable build(int iterations, int kept) {
    return new LexicalTableBuilder(iterations, kept, SpecialIds.PROJECT)
        .build(GERMAN, ENGLISH, 30, iteration -> {});
  }
}
