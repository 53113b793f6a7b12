package io.github.rela.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the real Multi30k files when they are present (skipped on machines without them). */
class Multi30kTest {

  @Test
  void shouldReadEverySplitWithItsPublishedSize() {
    // Given the project's data directory
    Path dataDir = DataPaths.dataDir();
    assumeTrue(
        Files.isRegularFile(Multi30k.TRAIN.file(dataDir, "de")),
        "Multi30k not found in " + dataDir + "; set " + DataPaths.ENV + " to run this test");
    for (Multi30k split : Multi30k.values()) {
      // When a split is read without filtering
      long start = System.nanoTime();
      FilteredCorpus corpus =
          FilteredCorpus.read(
              split.file(dataDir, "de"),
              split.file(dataDir, "en"),
              new LengthFilter(0, Integer.MAX_VALUE, Double.MAX_VALUE),
              FilteredCorpus::wordCount);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "Multi30k %s de-en: %d pairs read in %d ms%n", split, corpus.pairs().size(), millis);
      // Then every line is there, aligned
      assertEquals(split.lines(), corpus.pairs().size());
      assertEquals(split.lines(), corpus.counts().kept());
    }
  }
}
