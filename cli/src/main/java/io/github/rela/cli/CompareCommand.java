package io.github.rela.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.engine.EngineThreads;
import io.github.rela.training.compare.ComparedModel;
import io.github.rela.training.compare.ComparisonFigures;
import io.github.rela.training.compare.ComparisonMarkdown;
import io.github.rela.training.compare.MarkedSection;
import io.github.rela.training.compare.ModelComparison;
import io.github.rela.training.compare.ModelResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rela compare}: the attention kinds side by side, from their checkpoints. Writes the
 * Markdown table, a JSON file with every figure, the null-rate pictures and attention heatmaps, and
 * optionally puts the Markdown into the README's marked section.
 */
@OptionDefaults({"--threads=1", "--output=docs/results"})
@Command(
    defaultValueProvider = OptionDefaults.Provider.class,
    name = "compare",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Evaluates checkpoints of the same language pair on Multi30k val, test_2016_flickr and"
          + " test_2017_flickr in one run: BLEU, chrF, cross-attention sparsity and null rate,"
          + " training and decoding speed relative to a baseline, the null rate as a quality"
          + " signal (threshold calibrated on val, judged on test), and attention heatmaps.",
      "Example: rela compare --model rela-g=runs/multi30k-de-en-rela-g/averaged"
          + " --model softmax=runs/multi30k-de-en-softmax/averaged --readme README.md"
    })
public final class CompareCommand implements Callable<Integer> {

  @Mixin OutputOption outputOption;

  @Mixin BeamOption beam;

  @Mixin BatchOption batch;

  @Mixin ThreadsOption threads;

  /** The README section this command owns. */
  public static final String README_SECTION = "rela-comparison";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "NAME=DIR",
      description = "A checkpoint and its name in the table; repeat, in table order.")
  private List<String> models;

  @Option(
      names = "--baseline",
      defaultValue = "softmax",
      description = "The model speeds are relative to (the first model when absent).")
  private String baseline;

  @Option(
      names = "--pictures",
      defaultValue = "3,6,10",
      split = ",",
      paramLabel = "I",
      description = "Indices of test_2016_flickr sentences to draw attention heatmaps of.")
  private List<Integer> pictures;

  private Path output;

  @Option(
      names = "--readme",
      paramLabel = "FILE",
      description = "Also put the table into FILE between <!-- rela-comparison:start/end -->.")
  private Path readme;

  @Override
  public Integer call() throws Exception {
    output = outputOption.directory();
    EngineThreads.configure(threads.value());
    List<ComparedModel> compared = models.stream().map(ComparedModel::parse).toList();
    PrintWriter err = spec.commandLine().getErr();
    ModelComparison comparison =
        new ModelComparison(
            DataPaths.dataDir(),
            DecodingOptions.defaults().withBeamSize(beam.value()),
            batch.value(),
            message -> {
              err.println("rela compare: " + message);
              err.flush();
            });
    ModelComparison.Outcome outcome = comparison.run(compared, pictures);
    Files.createDirectories(output);
    List<ModelResult> results = outcome.results();
    for (ModelResult r : results) {
      if (r.signal().isPresent()) {
        ComparisonFigures.writeSignal(r, output);
      }
    }
    List<String> pictureFiles =
        ComparisonFigures.writeAttention(results, outcome.pictured(), output);
    List<String> curves = ComparisonFigures.writeValidationCurves(results, output);
    String markdown =
        ComparisonMarkdown.render(
            results, baseline(results), figureLink(), commandLine(), pictureFiles, curves);
    Files.writeString(output.resolve("comparison.md"), markdown, StandardCharsets.UTF_8);
    writeJson(results);
    if (readme != null) {
      MarkedSection.replace(readme, README_SECTION, markdown);
    }
    spec.commandLine().getOut().print(markdown);
    return 0;
  }

  private ModelResult baseline(List<ModelResult> results) {
    return results.stream()
        .filter(r -> r.model().name().equals(baseline))
        .findFirst()
        .orElse(results.get(0));
  }

  /** The output directory as the README (or comparison.md itself) links to it. */
  private String figureLink() {
    if (readme == null) {
      return ".";
    }
    Path base = readme.toAbsolutePath().normalize().getParent();
    return base.relativize(output.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private String commandLine() {
    List<String> words = new ArrayList<>(List.of("./rela", "compare"));
    models.forEach(m -> words.addAll(List.of("--model", m)));
    if (readme != null) {
      words.addAll(List.of("--readme", readme.toString()));
    }
    return String.join(" ", words);
  }

  /** Every figure of the comparison, without the per-sentence details. */
  private void writeJson(List<ModelResult> results) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ModelResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", r.model().name());
      row.put("checkpoint", r.model().checkpoint().toString());
      row.put("cross_attention", r.crossAttention().id());
      r.training().ifPresent(t -> row.put("training", t));
      Map<String, Object> sets = new LinkedHashMap<>();
      r.sets().forEach((name, report) -> sets.put(name, report.figures()));
      row.put("sets", sets);
      row.put("test_sentences_per_second", r.testSentencesPerSecond());
      r.signal().ifPresent(signal -> row.put("null_rate_signal", signal));
      rows.add(row);
    }
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(output.resolve("comparison.json").toFile(), rows);
  }
}
