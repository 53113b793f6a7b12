package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.model.checkpoint.DefaultModel;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.streams.inference.BatchTranslator;
import io.github.rela.streams.inference.CheckpointRegistry;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.inference.TranslatedSentence;
import io.github.rela.streams.replay.EvalSetLoader;
import io.github.rela.streams.testing.StreamsFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The shipped default model ({@code models/} of this checkout), found without being named: by the
 * streaming app's model registry, by {@code rela eval} and by {@code rela replay}.
 */
class ShippedModelIntegrationTest {

  private static final String REGISTRY = "mock://shipped-model-it";
  private static String previousHome;

  @TempDir Path dir;

  @BeforeAll
  static void useThisCheckoutAsHome() {
    previousHome = System.getProperty(DefaultModel.HOME_PROPERTY);
    System.setProperty(
        DefaultModel.HOME_PROPERTY, DataPaths.repositoryRoot(Path.of("")).toString());
  }

  @AfterAll
  static void restoreHome() {
    if (previousHome == null) {
      System.clearProperty(DefaultModel.HOME_PROPERTY);
    } else {
      System.setProperty(DefaultModel.HOME_PROPERTY, previousHome);
    }
  }

  @Test
  void shouldTranslateGermanCaptionsWithTheDefaultModel() {
    // Given the app's registry over the default models directory
    try (CheckpointRegistry registry =
        new CheckpointRegistry(DefaultModel.directory(), DecodingOptions.defaults(), 32)) {
      // When it translates two captions from German to English
      BatchTranslator translator = registry.open(new LanguagePair("de", "en")).orElseThrow();
      List<TranslatedSentence> results =
          translator.translate(
              List.of("Ein Hund rennt über eine Wiese.", "Zwei Männer spielen Fußball."));

      // Then the translations are English captions of the same scenes, with sparse attention
      String dog = results.get(0).translation().toLowerCase(Locale.ROOT);
      String men = results.get(1).translation().toLowerCase(Locale.ROOT);
      assertTrue(dog.contains("dog"), dog);
      assertTrue(men.contains("men") && men.contains("soccer"), men);
      assertTrue(results.get(0).sparsity() > 0.5, "sparsity " + results.get(0).sparsity());
    }
  }

  @Test
  void shouldReplayTheTestSetToTheBleuThatEvalReports() throws Exception {
    Path data = DataPaths.dataDir();
    Path source = Multi30k.TEST_2016.file(data, "de");
    Path reference = Multi30k.TEST_2016.file(data, "en");
    assumeTrue(Files.exists(source), "Multi30k is not in " + data);
    try (StreamsFixture broker = StreamsFixture.start(dir, 1, List.of("eval"))) {
      // Given test_2016_flickr loaded into a one-partition topic (the file's order)
      Map<String, Object> settings =
          Map.of("bootstrap.servers", broker.bootstrapServers(), "schema.registry.url", REGISTRY);
      new EvalSetLoader(settings).load(source, reference, "test2016", "de", "en", "eval");

      // When it is replayed through the default model, and evaluated by rela eval
      run(
          "replay",
          "--topic",
          "eval",
          "--from-beginning",
          "--out",
          dir.resolve("replay").toString(),
          "--bootstrap-servers",
          broker.bootstrapServers(),
          "--schema-registry-url",
          REGISTRY);
      JsonNode replay = new ObjectMapper().readTree(dir.resolve("replay/report.json").toFile());
      JsonNode eval =
          new ObjectMapper().readTree(run("eval", "--test", "test_2016_flickr", "--json"));

      // Then both report the same 1,000 sentences and the same BLEU and chrF
      assertEquals(1000, replay.get("sentences").asInt());
      assertEquals(eval.get("bleu").asDouble(), replay.get("bleu").asDouble(), 1e-9);
      assertEquals(eval.get("chrf").asDouble(), replay.get("chrf").asDouble(), 1e-9);
      // And the estimate's triage figures are the ones rela calibrate recorded for this set in
      // quality.json, the default flag marking 5-20% of it, with the calibration plot beside them.
      // To within 1e-3, not exactly: a batch scores the union of its sentences' vocabulary
      // shortlists, so the log-probabilities behind the estimate move in the last digits with the
      // batches, and the app batches in arrival order where calibrate sorts by length.
      JsonNode quality = replay.get("quality");
      JsonNode calibrated =
          new ObjectMapper()
              .readTree(DefaultModel.checkpoint().resolve("quality.json").toFile())
              .get("figures");
      assertEquals(
          calibrated.get("test_2016_flickr.spearman").asDouble(),
          quality.get("estimate_chrf_spearman").asDouble(),
          1e-3);
      assertEquals(
          calibrated.get("test_2016_flickr.auroc").asDouble(),
          quality.get("auroc_worst10").asDouble(),
          1e-3);
      double flagged = quality.get("flagged").asInt() / 1000.0;
      assertTrue(flagged >= 0.05 && flagged <= 0.20, "flagged " + flagged);
      assertTrue(Files.exists(dir.resolve("replay/quality-calibration.png")));
    }
  }

  /** {@code rela ARGS} in this JVM; its standard output, after checking that it succeeded. */
  static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Rela.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(0, cli.execute(args), err.toString());
    return out.toString();
  }
}
