package io.github.rela.model.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deleting a directory with everything under it: a checkpoint's staging copy or the one it
 * replaces, and scratch directories such as a benchmark's broker data.
 */
public final class DirectoryTrees {
  private DirectoryTrees() {}

  /** Deletes {@code root} and everything under it, deepest first; nothing when it is absent. */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
