package io.github.rela.streams.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rela.schemas.avro.AlignmentEntry;
import io.github.rela.streams.inference.AlignedWords.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo shows whole words on both sides, not SentencePiece fragments. */
class AlignedWordsTest {

  @Test
  void shouldJoinPiecesIntoWordsAndAddTheirWeights() {
    // "Die Lizenz gilt." -> "This licence applies."
    List<String> source = List.of("▁Die", "▁Li", "zenz", "▁gilt", ".");
    List<String> target = List.of("▁T", "his", "▁lic", "ence", "▁applies", ".");
    List<AlignmentEntry> alignment =
        List.of(
            new AlignmentEntry(0, 0, 0.5f),
            new AlignmentEntry(1, 1, 0.25f), // "his" -> "Li": weaker than T's "Die"
            new AlignmentEntry(2, 1, 0.25f),
            new AlignmentEntry(2, 3, 0.375f), // "lic" alone prefers "gilt" ...
            new AlignmentEntry(3, 2, 0.25f), // ... but "licence" sums 0.5 for "Lizenz"
            new AlignmentEntry(4, 3, 1.0f));

    List<Pair> words = AlignedWords.of(source, target, alignment);

    assertEquals(
        List.of(
            new Pair("This", "Die"), new Pair("licence", "Lizenz"), new Pair("applies.", "gilt.")),
        words);
  }

  @Test
  void shouldKeepSpecialPiecesAsWordsOfTheirOwn() {
    List<String> source = List.of("▁Fahr", "rad", ".", "</s>");
    List<String> target = List.of("▁is", "▁bike", ".");
    List<AlignmentEntry> alignment =
        List.of(
            new AlignmentEntry(0, 3, 0.5f),
            new AlignmentEntry(1, 0, 0.5f),
            new AlignmentEntry(1, 1, 0.5f));

    assertEquals(
        List.of(new Pair("is", "</s>"), new Pair("bike.", "Fahrrad.")),
        AlignedWords.of(source, target, alignment));
  }

  @Test
  void shouldLeaveAWordThatAttendsToNothingWithoutSource() {
    List<Pair> words =
        AlignedWords.of(
            List.of("▁Hund"), List.of("▁the", "▁dog"), List.of(new AlignmentEntry(1, 0, 1f)));

    assertEquals(List.of(new Pair("the", null), new Pair("dog", "Hund")), words);
  }
}
