package io.github.rela.model.shortlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.model.tokenizer.SpecialIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShortlistTest {
  private static final SpecialIds IDS = SpecialIds.PROJECT; // pad 0, unk 1, bos 2, eos 3

  private final Shortlist shortlist =
      new Shortlist(new int[] {5, 4}, Map.of(10, new int[] {20, 21}, 11, new int[] {21, 0, 2}));

  @Test
  void shouldPutEosFirstThenTheSortedUnionWithoutPaddingOrBos() {
    // When
    int[] tokens = shortlist.tokensFor(List.of(new int[] {10, 3}, new int[] {11, 12, 3}), IDS, 30);
    // Then
    assertArrayEquals(new int[] {3, 4, 5, 20, 21}, tokens);
  }

  @Test
  void shouldKeepOnlyTheFrequentPiecesForUnknownSources() {
    assertArrayEquals(
        new int[] {3, 4, 5}, shortlist.tokensFor(List.<int[]>of(new int[] {99, 3}), IDS, 30));
  }

  @Test
  void shouldRejectPiecesOutsideTheVocabulary() {
    assertThrows(
        IllegalArgumentException.class,
        () -> shortlist.tokensFor(List.<int[]>of(new int[] {10}), IDS, 21));
  }

  @Test
  void shouldReadWhatItWrote(@TempDir Path dir) throws IOException {
    // Given
    Path file = dir.resolve(Shortlist.FILE);
    // When
    shortlist.write(file, List.of("built for a test"));
    Shortlist read = Shortlist.load(dir).orElseThrow();
    // Then
    assertTrue(Files.readString(file).startsWith("# built for a test\nfrequent\t4 5\n"));
    assertEquals(2, read.frequentCount());
    assertEquals(2, read.sourceCount());
    List<int[]> sources = List.of(new int[] {10, 11, 3});
    assertArrayEquals(shortlist.tokensFor(sources, IDS, 30), read.tokensFor(sources, IDS, 30));
  }

  @Test
  void shouldNameTheMalformedLine(@TempDir Path dir) throws IOException {
    // Given
    Path file = dir.resolve(Shortlist.FILE);
    Files.writeString(file, "frequent\t4 5\n7\t8 x\n");
    // When
    IOException error = assertThrows(IOException.class, () -> Shortlist.read(file));
    // Then
    assertTrue(error.getMessage().contains(":2:"), error.getMessage());
  }

  @Test
  void shouldBeAbsentFromACheckpointWithoutTheFile(@TempDir Path dir) throws IOException {
    assertTrue(Shortlist.load(dir).isEmpty());
  }
}
