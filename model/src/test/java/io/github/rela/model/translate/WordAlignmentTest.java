package io.github.rela.model.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordAlignmentTest {

  @Test
  void shouldMergeSubwordsIntoWordsAtTheWordStartMarker() {
    // Given
    List<String> pieces = List.of("▁Ein", "▁Hund", "e", "s", "▁läuft", ".");
    // When
    int[] words = WordAlignment.wordIndices(pieces);
    // Then
    assertArrayEquals(new int[] {0, 1, 1, 1, 2, 2}, words);
  }

  @Test
  void shouldLinkEachTargetWordToItsMostAttendedSourceWord() {
    // Given: source words "▁a" "▁do|g", target words "▁ein" "▁Hu|nd" "▁!" (null attention)
    List<String> source = List.of("▁a", "▁do", "g");
    List<String> target = List.of("▁ein", "▁Hu", "nd", "▁!");
    float[][] attention = {
      {0.7f, 0.2f, 0.1f, 0f},
      {0.5f, 0.3f, 0f, 0f},
      {0f, 0.1f, 0.6f, 0.3f},
      {0f, 0f, 0f, 0f}
    };
    // When
    List<AlignmentLink> links = WordAlignment.align(source, target, attention);
    // Then: "Hund" gets 0.5 from "a" but 0.3 + 0.1 + 0.6 = 1.0 from "dog"
    assertEquals(List.of(new AlignmentLink(0, 0), new AlignmentLink(1, 1)), links);
    assertEquals("0-0 1-1", AlignmentLink.pharaoh(links));
  }
}
