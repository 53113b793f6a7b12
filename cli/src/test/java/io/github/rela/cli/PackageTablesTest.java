package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module's README lists its packages exactly as they are on disk (the first column of the
 * table headed {@code | package |}, either in full or relative to the module's common package), and
 * a package name means one thing across modules.
 */
class PackageTablesTest {

  /** The modules of the root pom, so that a new module is checked from its first build. */
  private static final List<String> MODULES = modules();

  @Test
  void shouldListEveryPackageOfEveryModuleInItsReadme() throws IOException {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    for (String module : MODULES) {
      // Given the packages on disk
      Set<String> onDisk = packages(root.resolve(module).resolve("src/main/java"));
      assertTrue(!onDisk.isEmpty(), module + " has no packages");
      String common = commonPrefix(onDisk);
      // When the README's table is read
      Set<String> listed = new TreeSet<>();
      for (String cell : tableCells(root.resolve(module).resolve("README.md"))) {
        listed.add(onDisk.contains(cell) ? cell : common + "." + cell);
      }
      // Then both name the same packages
      assertEquals(onDisk, listed, module + "/README.md's package table");
    }
  }

  @Test
  void shouldGiveEachPackageNameOneMeaningAcrossModules() throws IOException {
    // Given the packages of every module, by their last name
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    Map<String, Set<String>> byName = new TreeMap<>();
    for (String module : MODULES) {
      for (String p : packages(root.resolve(module).resolve("src/main/java"))) {
        byName.computeIfAbsent(p.substring(p.lastIndexOf('.') + 1), n -> new TreeSet<>()).add(p);
      }
    }
    // Then no name stands for two packages
    Map<String, Set<String>> reused = new TreeMap<>(byName);
    reused.values().removeIf(packages -> packages.size() < 2);
    assertEquals(Map.of(), reused);
  }

  private static List<String> modules() {
    try {
      String pom =
          Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("pom.xml"));
      return Pattern.compile("<module>([^<]+)</module>")
          .matcher(pom)
          .results()
          .map(m -> m.group(1))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> packages(Path sources) throws IOException {
    try (Stream<Path> files = Files.walk(sources)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .map(f -> sources.relativize(f.getParent()).toString().replace('/', '.'))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  private static String commonPrefix(Set<String> packages) {
    String prefix = packages.iterator().next();
    for (String p : packages) {
      while (!(p.equals(prefix) || p.startsWith(prefix + "."))) {
        prefix = prefix.substring(0, Math.max(0, prefix.lastIndexOf('.')));
      }
    }
    return prefix;
  }

  /** The backquoted first cells of the rows below the {@code | package |} header. */
  private static List<String> tableCells(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int header = -1;
    for (int i = 0; i < lines.size() && header < 0; i++) {
      if (lines.get(i).startsWith("| package |")) {
        header = i;
      }
    }
    assertTrue(header >= 0, readme + " has no '| package |' table");
    return lines.subList(header + 2, lines.size()).stream()
        .takeWhile(l -> l.startsWith("|"))
        .map(l -> l.split("\\|")[1].strip().replace("`", ""))
        .toList();
  }
}
