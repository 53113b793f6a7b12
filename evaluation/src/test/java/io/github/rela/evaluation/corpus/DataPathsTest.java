package io.github.rela.evaluation.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPathsTest {

  @TempDir Path dir;

  @Test
  void shouldPreferPropertyThenEnvironment() {
    // Given both a property and an environment variable
    Map<String, String> env = Map.of(DataPaths.ENV, "/from/env");
    // When resolved, then the property wins, and the environment wins over the default
    assertEquals(Path.of("/from/property"), DataPaths.dataDir("/from/property", env, dir));
    assertEquals(Path.of("/from/env"), DataPaths.dataDir(null, env, dir));
  }

  @Test
  void shouldDefaultToSharedDataBesideTheRepositoryRoot() throws IOException {
    // Given a repository root with mvnw and a module directory below it
    Path root = Files.createDirectories(dir.resolve("main"));
    Files.createFile(root.resolve("mvnw"));
    Path module = Files.createDirectories(root.resolve("training"));
    // When resolved from the module directory without property or environment
    Path data = DataPaths.dataDir(null, Map.of(), module);
    // Then it is ../shared/data/multi30k relative to the root
    assertEquals(dir.resolve("shared/data/multi30k").toAbsolutePath().normalize(), data);
  }
}
