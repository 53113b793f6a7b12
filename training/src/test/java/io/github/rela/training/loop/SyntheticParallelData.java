package io.github.rela.training.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A toy translation task for tests: sentences of 3 to 7 words from a 12-word "German" vocabulary,
 * translated word by word into "English". A model that learns it has learnt to attend.
 */
final class SyntheticParallelData {

  static final String[] SOURCE = {
    "haus", "baum", "hund", "katze", "mann", "frau", "kind", "ball", "rot", "blau", "gross", "klein"
  };
  static final String[] TARGET = {
    "house", "tree", "dog", "cat", "man", "woman", "child", "ball", "red", "blue", "big", "small"
  };

  private SyntheticParallelData() {}

  /** Writes {@code train.de/.en} and {@code val.de/.en} into {@code dir}. */
  static void write(Path dir, int trainPairs, int validPairs, long seed) throws IOException {
    Random random = new Random(seed);
    write(dir, "train", trainPairs, random);
    write(dir, "val", validPairs, random);
  }

  private static void write(Path dir, String split, int pairs, Random random) throws IOException {
    List<String> sources = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      int length = 3 + random.nextInt(5);
      StringBuilder source = new StringBuilder();
      StringBuilder target = new StringBuilder();
      for (int w = 0; w < length; w++) {
        int word = random.nextInt(SOURCE.length);
        source.append(w == 0 ? "" : " ").append(SOURCE[word]);
        target.append(w == 0 ? "" : " ").append(TARGET[word]);
      }
      sources.add(source.toString());
      targets.add(target.toString());
    }
    Files.write(dir.resolve(split + ".de"), sources);
    Files.write(dir.resolve(split + ".en"), targets);
  }
}
