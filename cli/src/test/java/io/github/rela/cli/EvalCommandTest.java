package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rela.evaluation.scoring.Bleu;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translation;
import io.github.rela.model.translate.Translator;
import io.github.rela.training.loop.TinyRun;
import io.github.rela.training.spm.SpmTrainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvalCommandTest {

  @BeforeAll
  static void requireSpmTrain() {
    assumeTrue(SpmTrainer.findProgram().isPresent(), "spm_train is not installed");
  }

  private static String eval(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new EvalCommand());
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute(args), out.toString());
    return out.toString();
  }

  @Test
  void shouldReportTheBleuOfTheModelsTranslations() throws Exception {
    // Given a trained tiny model and its validation set
    Path model = TinyRun.checkpoint();
    Path src = TinyRun.data("val.de");
    Path ref = TinyRun.data("val.en");

    // When it is evaluated with greedy search
    JsonNode report =
        new ObjectMapper()
            .readTree(
                eval(
                    "--model",
                    model.toString(),
                    "--src",
                    src.toString(),
                    "--ref",
                    ref.toString(),
                    "--beam",
                    "1",
                    "--json"));

    // Then it covers every sentence, with attention figures in range
    assertEquals(40, report.get("sentences").asInt());
    double nullRate = report.get("null_rate").asDouble();
    double sparsity = report.get("sparsity").asDouble();
    assertTrue(nullRate >= 0 && nullRate <= 1, "null rate " + nullRate);
    assertTrue(sparsity > 0 && sparsity <= 1, "rela-g cross-attention is sparse: " + sparsity);
    assertTrue(report.get("sentences_per_second").asDouble() > 0);

    // And its BLEU is sacreBLEU's corpus BLEU of the same model's translations
    List<String> references = Files.readAllLines(ref);
    List<String> hypotheses;
    try (NDManager manager = NDManager.newBaseManager();
        Translator translator =
            Translator.open(
                CheckpointReader.read(model, manager),
                manager,
                DecodingOptions.defaults().withBeamSize(1),
                32,
                AttentionView.LAST_LAYER)) {
      hypotheses =
          translator.translate(Files.readAllLines(src)).stream()
              .map(Translation::translation)
              .toList();
    }
    double expected = Bleu.withDefaults().corpusScore(hypotheses, List.of(references)).score();
    assertEquals(expected, report.get("bleu").asDouble(), 1e-9);
    assertTrue(expected > 10, "the tiny model learnt something: BLEU " + expected);
  }

  @Test
  void shouldPrintSacrebleuStyleLines() {
    String text =
        eval(
            "--model", TinyRun.checkpoint().toString(),
            "--src", TinyRun.data("val.de").toString(),
            "--ref", TinyRun.data("val.en").toString(),
            "--beam", "2");

    assertTrue(text.startsWith("BLEU = "), text);
    assertTrue(text.contains("chrF2 = "), text);
    assertTrue(text.contains("Spearman(null rate, sentence chrF)"), text);
  }
}
