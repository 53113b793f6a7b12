package io.github.rela.streams.docker;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root, found from wherever the tests run (Maven runs them in the module). */
final class RepositoryRoot {

  private RepositoryRoot() {}

  static Path find() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))
          && Files.isRegularFile(dir.resolve("docker/compose.yml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("No checkout with docker/compose.yml above " + start);
  }
}
