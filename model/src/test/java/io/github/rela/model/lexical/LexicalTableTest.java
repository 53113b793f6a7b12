package io.github.rela.model.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexicalTableTest {
  private static final LexicalTable TABLE =
      new LexicalTable(
          Map.of(7, 0.125, 9, 0.5), Map.of(40, Map.of(7, 0.75, 8, 0.25), 41, Map.of()));

  @Test
  void looksUpProbabilitiesWithAbsentPairsAtZero() {
    assertEquals(0.75, TABLE.probability(7, 40));
    assertEquals(0.0, TABLE.probability(9, 40));
    assertEquals(0.0, TABLE.probability(7, 99), "a target without a row");
    assertEquals(0.5, TABLE.nullProbability(9));
    assertEquals(4, TABLE.entryCount());
    assertEquals(2, TABLE.targetCount());
  }

  @Test
  void bestExplanationTakesTheLargestOverTheTargetsAndNull() {
    assertEquals(0.75, TABLE.bestExplanation(7, new int[] {41, 40}));
    assertEquals(0.125, TABLE.bestExplanation(7, new int[] {41}), "only NULL explains it");
    assertEquals(0.0, TABLE.bestExplanation(3, new int[] {40}));
  }

  @Test
  void roundTripsThroughItsFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(LexicalTable.FILE);
    TABLE.write(file, List.of("built by a test"));
    assertTrue(Files.readString(file).startsWith("# built by a test\nnull\t7:0.1250 9:0.5000\n"));
    LexicalTable read = LexicalTable.load(dir).orElseThrow();
    assertEquals(0.25, read.probability(8, 40), 1e-7);
    assertEquals(0.125, read.nullProbability(7), 1e-7);
    assertEquals(TABLE.entryCount(), read.entryCount());
    assertTrue(LexicalTable.load(dir.resolve("missing")).isEmpty());
  }

  @Test
  void aMalformedLineNamesItsFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(LexicalTable.FILE);
    Files.writeString(file, "null\t1:0.5\n40\t7:1.5\n");
    IOException error = assertThrows(IOException.class, () -> LexicalTable.read(file));
    assertTrue(error.getMessage().contains(file + ":2"), error.getMessage());
    Files.writeString(file, "40\t7:0.5\n");
    assertThrows(IOException.class, () -> LexicalTable.read(file), "no null line");
  }
}
