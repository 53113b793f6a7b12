package io.github.rela.training.lexicon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.tokenizer.SpecialIds;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortlistBuilderTest {
  private static final SpecialIds IDS = SpecialIds.PROJECT; // pad 0, unk 1, bos 2, eos 3
  private static final int THE = 10;
  private static final int DOG = 11;
  private static final int CAT = 12;
  private static final int RUNS = 13;
  private static final int HUND = 20;
  private static final int KATZE = 21;
  private static final int RENNT = 22;

  /** "Hund rennt" / "the dog runs" three times, "Katze" / "the cat" once, plus EOS and UNK. */
  private static final int[][] SOURCES = {
    {HUND, RENNT, 3}, {HUND, RENNT, 3}, {HUND, 3}, {KATZE, 1, 3},
  };

  private static final int[][] TARGETS = {
    {THE, DOG, RUNS}, {THE, DOG, RUNS}, {THE, DOG}, {THE, CAT},
  };

  @Test
  void shouldBringInEachSourcePiecesTranslationByDice() {
    // Given: "the" is the one frequent piece; one candidate per source piece
    Shortlist shortlist = new ShortlistBuilder(1, 1, IDS).build(SOURCES, TARGETS, 30);
    // Then: Dice picks "runs" for "rennt" (2 * 2 / (2 + 2) = 1) over "dog" (2 * 2 / (2 + 3))
    assertArrayEquals(new int[] {3, THE, DOG}, tokens(shortlist, HUND));
    assertArrayEquals(new int[] {3, THE, CAT}, tokens(shortlist, KATZE));
    assertArrayEquals(new int[] {3, THE, RUNS}, tokens(shortlist, RENNT));
  }

  @Test
  void shouldNeverListSpecialPieces() {
    // When
    Shortlist shortlist = new ShortlistBuilder(10, 10, IDS).build(SOURCES, TARGETS, 30);
    // Then: UNK and EOS in the sources bring in nothing; EOS is always first, once
    assertArrayEquals(new int[] {3, THE, DOG, CAT, RUNS}, tokens(shortlist, 1));
  }

  @Test
  void shouldRejectCorporaOfDifferentLengths() {
    ShortlistBuilder builder = new ShortlistBuilder(1, 1, IDS);
    assertThrows(
        IllegalArgumentException.class, () -> builder.build(SOURCES, new int[][] {{THE}}, 30));
  }

  private static int[] tokens(Shortlist shortlist, int sourcePiece) {
    return shortlist.tokensFor(List.<int[]>of(new int[] {sourcePiece, 3}), IDS, 30);
  }
}
