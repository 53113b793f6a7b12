package io.github.rela.evaluation.corpus;

import java.nio.file.Path;

/**
 * The splits of Multi30k (Elliott et al., 2016) as the project stores them: {@code
 * <split>.<lang>.gz}, one sentence per line, for de, en, fr and cs.
 */
public enum Multi30k {
  TRAIN("train", 29000),
  VALIDATION("val", 1014),
  TEST_2016("test_2016_flickr", 1000),
  TEST_2017("test_2017_flickr", 1000);

  private final String fileStem;
  private final int lines;

  Multi30k(String fileStem, int lines) {
    this.fileStem = fileStem;
    this.lines = lines;
  }

  /** The file of this split in {@code language} (e.g. "de") under {@code dataDir}. */
  public Path file(Path dataDir, String language) {
    return dataDir.resolve(fileStem + "." + language + ".gz");
  }

  /** The split's name as in its file names, e.g. {@code test_2016_flickr}. */
  public String stem() {
    return fileStem;
  }

  /** The split called {@code stem} (e.g. {@code val}). */
  public static Multi30k fromStem(String stem) {
    for (Multi30k split : values()) {
      if (split.fileStem.equals(stem)) {
        return split;
      }
    }
    throw new IllegalArgumentException(
        "Unknown Multi30k split '"
            + stem
            + "'; known: "
            + java.util.Arrays.stream(values()).map(Multi30k::stem).toList());
  }

  /** The number of sentences in this split. */
  public int lines() {
    return lines;
  }
}
