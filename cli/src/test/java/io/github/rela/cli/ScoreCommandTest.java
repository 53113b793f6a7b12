package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code rela score} in-process on sacreBLEU's README example. */
class ScoreCommandTest {

  private static final String README_BLEU =
      "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)";

  @TempDir Path dir;
  private Path hyp;
  private Path ref1;
  private Path ref2;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeFiles() throws IOException {
    hyp =
        write(
            "hyp.en",
            "The dog bit the man.",
            "It wasn't surprising.",
            "The man had just bitten him.");
    ref1 =
        write(
            "ref1.en", "The dog bit the man.", "It was not unexpected.", "The man bit him first.");
    ref2 =
        write(
            "ref2.en",
            "The dog had bit the man.",
            "No one was surprised.",
            "The man had bitten the dog.");
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }

  private int run(InputStream stdin, String... args) {
    CommandLine cli = new CommandLine(new ScoreCommand(stdin));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private int run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  @Test
  void shouldPrintBleuAndChrfAsSacreBleuDoes() {
    // Given a hypothesis file and two reference files
    // When scored
    int status = run("--ref", ref1.toString(), "--ref", ref2.toString(), "--hyp", hyp.toString());
    // Then the figures are those of sacreBLEU's README
    assertEquals(0, status, err.toString());
    assertEquals(
        README_BLEU + System.lineSeparator() + "chrF2 = 59.73" + System.lineSeparator(),
        out.toString());
  }

  @Test
  void shouldReadHypothesesFromStandardInput() throws IOException {
    // Given the hypotheses on standard input
    InputStream stdin = new ByteArrayInputStream(Files.readAllBytes(hyp));
    // When scored without --hyp
    int status = run(stdin, "-r", ref1.toString(), "-r", ref2.toString());
    // Then the result is the same
    assertEquals(0, status, err.toString());
    assertTrue(out.toString().startsWith(README_BLEU));
  }

  @Test
  void shouldPrintOneJsonObjectWithSignatures() throws IOException {
    // Given the README example
    // When scored with --json
    int status =
        run("--ref", ref1.toString(), "--ref", ref2.toString(), "--hyp", hyp.toString(), "--json");
    // Then one JSON object holds both metrics with sacreBLEU's signature fields
    assertEquals(0, status, err.toString());
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertEquals(3, root.get("segments").asInt());
    JsonNode bleu = root.get("metrics").get(0);
    assertEquals("BLEU", bleu.get("name").asText());
    assertEquals(48.530827, bleu.get("score").asDouble(), 1e-6);
    assertEquals(
        "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.x", bleu.get("signature").asText());
    assertEquals("13a", bleu.get("tok").asText());
    assertEquals(17, bleu.get("hyp_len").asInt());
    assertEquals(18, bleu.get("ref_len").asInt());
    assertEquals(4, bleu.get("precisions").size());
    JsonNode chrf = root.get("metrics").get(1);
    assertEquals("chrF2", chrf.get("name").asText());
    assertEquals(
        "59.73", String.format(java.util.Locale.ROOT, "%.2f", chrf.get("score").asDouble()));
    assertEquals("6", chrf.get("nc").asText());
  }

  @Test
  void shouldAllowAVariableNumberOfReferences() throws IOException {
    // Given the README's variant where the first segment lacks its first reference
    Path partial = write("ref1-partial.en", "", "It was not unexpected.", "The man bit him first.");
    // When scored
    int status =
        run("-r", partial.toString(), "-r", ref2.toString(), "-i", hyp.toString(), "--json");
    // Then BLEU is the README's 29.44 and the signature says nrefs:var
    assertEquals(0, status, err.toString());
    JsonNode bleu = new ObjectMapper().readTree(out.toString()).get("metrics").get(0);
    assertEquals(
        "82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)",
        bleu.get("verbose_score").asText());
    assertEquals(
        "29.44", String.format(java.util.Locale.ROOT, "%.2f", bleu.get("score").asDouble()));
    assertEquals("var", bleu.get("nrefs").asText());
  }

  @Test
  void shouldFailClearlyWhenLineCountsDiffer() throws IOException {
    // Given a reference with one line fewer than the hypotheses
    Path shortRef = write("short.en", "The dog bit the man.", "It was not unexpected.");
    // When scored
    int status = run("--ref", shortRef.toString(), "--hyp", hyp.toString());
    // Then it fails naming both files and counts
    assertEquals(ScoreCommand.EXIT_BAD_INPUT, status);
    assertEquals(
        "rela score: System and reference streams have different lengths: "
            + hyp
            + " has 3 lines but "
            + shortRef
            + " has 2"
            + System.lineSeparator(),
        err.toString());
  }

  @Test
  void shouldNameFileAndLineOfInvalidUtf8() throws IOException {
    // Given a hypothesis file with a Latin-1 byte on line 2
    Path bad =
        Files.write(
            dir.resolve("bad.en"), new byte[] {'o', 'k', '\n', (byte) 0xE9, '\n', 'x', '\n'});
    // When scored
    int status = run("--ref", ref1.toString(), "--hyp", bad.toString());
    // Then the error names the file and the line
    assertEquals(ScoreCommand.EXIT_BAD_INPUT, status);
    assertTrue(err.toString().contains("Invalid UTF-8 in " + bad + " at line 2"), err.toString());
  }

  @Test
  void shouldWarnAboutTokenizedHypotheses() throws IOException {
    // Given 100 hypotheses that end in a tokenized period
    String[] lines = new String[ScoreCommand.TOKENIZED_PERIOD_LINES];
    Arrays.fill(lines, "A dog runs .");
    Path tokenized = write("tok.en", lines);
    // When scored
    int status = run("--ref", tokenized.toString(), "--hyp", tokenized.toString());
    // Then it still scores, with a warning on standard error
    assertEquals(0, status);
    assertTrue(out.toString().startsWith("BLEU = 100.00"), out.toString());
    assertTrue(err.toString().contains("100 lines end in a tokenized period"), err.toString());
  }

  @Test
  void shouldRequireAReference() {
    // Given no --ref, when run, then picocli reports the missing option
    int status = run("--hyp", hyp.toString());
    assertEquals(2, status);
    assertTrue(err.toString().contains("Missing required option: '--ref=FILE'"), err.toString());
  }
}
