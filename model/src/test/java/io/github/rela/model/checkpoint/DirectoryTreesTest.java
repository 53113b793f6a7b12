package io.github.rela.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreesTest {

  @Test
  void deletesADirectoryWithEverythingUnderItAndLeavesItsSiblings(@TempDir Path dir)
      throws IOException {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("a/b"));
    Files.writeString(tree.resolve("a/b/file.txt"), "x");
    Files.writeString(tree.resolve("top.txt"), "y");
    Files.writeString(dir.resolve("sibling.txt"), "z");

    DirectoryTrees.delete(tree);

    assertFalse(Files.exists(tree));
    assertTrue(Files.exists(dir.resolve("sibling.txt")));
  }

  @Test
  void anAbsentPathIsNothingToDelete(@TempDir Path dir) throws IOException {
    DirectoryTrees.delete(dir.resolve("never-made"));
    assertTrue(Files.isDirectory(dir));
  }
}
