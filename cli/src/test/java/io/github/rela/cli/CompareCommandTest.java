package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.training.log.LogEntry;
import io.github.rela.training.loop.TinyRun;
import io.github.rela.training.spm.SpmTrainer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {

  @TempDir Path dir;

  @BeforeAll
  static void requireSpmTrain() {
    assumeTrue(SpmTrainer.findProgram().isPresent(), "spm_train is not installed");
  }

  @AfterEach
  void clearDataDir() {
    System.clearProperty(DataPaths.PROPERTY);
  }

  @Test
  void shouldTabulateTheModelsAndRegenerateTheReadmeSection() throws Exception {
    // Given the tiny model's validation set standing in for every Multi30k split
    Path data = Files.createDirectories(dir.resolve("data"));
    for (Multi30k split :
        new Multi30k[] {Multi30k.VALIDATION, Multi30k.TEST_2016, Multi30k.TEST_2017}) {
      for (String language : new String[] {"de", "en"}) {
        gzipCopy(TinyRun.data("val." + language), split.file(data, language));
      }
    }
    System.setProperty(DataPaths.PROPERTY, data.toString());
    Path readme =
        Files.writeString(
            dir.resolve("README.md"),
            "# x\n<!-- rela-comparison:start -->\nold\n<!-- rela-comparison:end -->\nend\n");
    String checkpoint = TinyRun.checkpoint().toString();
    Path copy = copyWithValidationLog(TinyRun.checkpoint(), dir.resolve("copy-run"));

    // When the same checkpoint is compared under two names, the second as the baseline
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new CompareCommand());
    cli.setOut(new PrintWriter(out, true));
    int exit =
        cli.execute(
            "--model",
            "first=" + checkpoint,
            "--model",
            "second=" + copy,
            "--baseline",
            "second",
            "--beam",
            "1",
            "--pictures",
            "0,1",
            "--threads",
            "0",
            "--output",
            dir.resolve("docs/results").toString(),
            "--readme",
            readme.toString());

    // Then both rows report the same quality and the baseline's speed ratio is exactly 1
    assertEquals(0, exit, out.toString());
    JsonNode json =
        new ObjectMapper().readTree(dir.resolve("docs/results/comparison.json").toFile());
    assertEquals(2, json.size());
    JsonNode first = json.get(0).get("sets").get("test_2016_flickr");
    JsonNode second = json.get(1).get("sets").get("test_2016_flickr");
    assertEquals(first.get("bleu").asDouble(), second.get("bleu").asDouble(), 1e-9);
    assertEquals(40, first.get("sentences").asInt());
    assertTrue(json.get(0).get("training").get("steps").asLong() > 0, json.toString());
    String markdown = Files.readString(dir.resolve("docs/results/comparison.md"));
    assertTrue(markdown.contains("| second | "), markdown);
    assertTrue(
        markdown.lines().anyMatch(l -> l.startsWith("| second |") && l.endsWith("| 1.00x |")),
        markdown);

    // And the rela-g model gets a calibrated threshold judged on both test sets
    assertTrue(json.get(0).get("null_rate_signal").get("tests").has("test_2017_flickr"));

    // And the pictures exist and the README section now holds the Markdown, linking them
    assertTrue(Files.size(dir.resolve("docs/results/attention-1.png")) > 0);
    assertTrue(Files.size(dir.resolve("docs/results/attention-2.png")) > 0);
    assertTrue(Files.size(dir.resolve("docs/results/null-rate-vs-chrf-first.png")) > 0);
    assertEquals(
        markdown
            .lines()
            .filter(l -> l.startsWith("| attention |"))
            .findFirst()
            .orElseThrow()
            .split("\\|")
            .length,
        markdown
            .lines()
            .filter(l -> l.startsWith("|---|"))
            .findFirst()
            .orElseThrow()
            .split("\\|")
            .length,
        "the separator row has a cell per column");
    assertTrue(Files.size(dir.resolve("docs/results/validation-loss.png")) > 0);
    assertTrue(Files.size(dir.resolve("docs/results/validation-bleu.png")) > 0);
    String updated = Files.readString(readme);
    assertTrue(updated.contains("](docs/results/attention-1.png)"), updated);
    assertTrue(updated.startsWith("# x\n<!-- rela-comparison:start -->\nGenerated by"), updated);
    assertTrue(updated.endsWith("<!-- rela-comparison:end -->\nend\n"), updated);
  }

  /** A copy of {@code checkpoint} in a run directory whose log has validation reports. */
  private static Path copyWithValidationLog(Path checkpoint, Path run) throws Exception {
    Path copy = Files.createDirectories(run.resolve("averaged"));
    try (var files = Files.list(checkpoint)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    ObjectMapper json = new ObjectMapper();
    Files.write(
        run.resolve("train-log.jsonl"),
        List.of(
            json.writeValueAsString(LogEntry.train(50, 3.0, 1e-3, 800, 30)),
            json.writeValueAsString(LogEntry.valid(50, 2.5, 12.0, 35)),
            json.writeValueAsString(LogEntry.train(100, 2.0, 1e-3, 900, 60)),
            json.writeValueAsString(LogEntry.valid(100, 1.5, 30.0, 65))));
    return copy;
  }

  private static void gzipCopy(Path from, Path to) throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
  }
}
