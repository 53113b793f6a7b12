package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's reader recipes stay excerpts of the readers that {@link
 * ThirdPartyReadersIntegrationTest} runs: every line of each snippet, comments aside, is a line of
 * its file, and the README links the file.
 */
class ReadingTheResultsReadmeTest {

  private static final Map<String, Path> TESTED =
      Map.of(
          "javascript", ReaderScript.NODE_DIR.resolve("read-results.js"),
          "python", ReaderScript.PYTHON_SCRIPT,
          "java",
              ReaderScript.ROOT.resolve(
                  "streams-app/src/test/java/io/github/rela/streams/it/"
                      + "ThirdPartyReaders.java"));

  @Test
  void shouldShowOnlyLinesOfTheTestedReaders() throws IOException {
    String section = section(Files.readString(ReaderScript.ROOT.resolve("README.md")));
    Map<String, List<String>> snippets = snippets(section);

    assertEquals(TESTED.keySet(), snippets.keySet());
    for (Map.Entry<String, List<String>> snippet : snippets.entrySet()) {
      Path file = TESTED.get(snippet.getKey());
      Set<String> lines =
          Files.readAllLines(file).stream().map(String::strip).collect(Collectors.toSet());
      String link = ReaderScript.ROOT.relativize(file).toString();
      assertTrue(section.contains("(" + link + ")"), "the README links " + link);
      for (String line : snippet.getValue()) {
        assertTrue(lines.contains(line), () -> "not a line of " + file + ": " + line);
      }
    }
  }

  private static String section(String readme) {
    int start = readme.indexOf("## Reading the results");
    assertTrue(start >= 0, "README has a 'Reading the results' section");
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** The code lines of each fenced block, by language, without blank and comment lines. */
  private static Map<String, List<String>> snippets(String section) {
    Map<String, List<String>> snippets = new LinkedHashMap<>();
    String[] parts = section.split("```");
    for (int i = 1; i < parts.length; i += 2) {
      List<String> lines = parts[i].lines().toList();
      snippets.put(
          lines.get(0).strip(),
          lines.stream()
              .skip(1)
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("#"))
              .toList());
    }
    return snippets;
  }
}
