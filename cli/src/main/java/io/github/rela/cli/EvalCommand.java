package io.github.rela.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.evaluation.corpus.ParallelCorpusReader;
import io.github.rela.evaluation.corpus.SentencePair;
import io.github.rela.evaluation.report.EvaluationReport;
import io.github.rela.evaluation.report.Evaluator;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.engine.EngineThreads;
import io.github.rela.model.translate.Translator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rela eval}: translates a test set with a checkpoint and prints BLEU, chrF, the mean null
 * rate and sparsity of cross-attention, how the null rate correlates with sentence quality, and the
 * speed.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Translates SRC with a model and scores it against REF: sacreBLEU-compatible BLEU (13a,"
          + " cased, detokenized) and chrF2, mean null rate and sparsity of cross-attention,"
          + " Spearman correlation of sentence null rate with sentence chrF, and speed.",
      "Files are plain UTF-8 or gzip, one sentence per line, aligned."
    })
public final class EvalCommand implements Callable<Integer> {

  @Mixin SourceOption src;

  @Mixin ReferenceOption ref;

  @Mixin JsonOption jsonOption;

  @Mixin BeamOption beam;

  @Mixin ShortlistOption shortlist;

  @Mixin BatchOption batch;

  @Mixin ThreadsOption threads;

  @Mixin ModelOption model;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private Path source;

  private Path reference;

  @Option(
      names = "--test",
      paramLabel = "SPLIT",
      description =
          "Instead of --src/--ref: a Multi30k split (val, test_2016_flickr, test_2017_flickr) in"
              + " the model's languages, from the data directory (RELA_DATA_DIR).")
  private String test;

  private boolean json;

  @Override
  public Integer call() throws Exception {
    source = src.file();
    reference = ref.single(spec);
    json = jsonOption.enabled();
    EngineThreads.configure(threads.value());
    Path model = this.model.checkpoint();
    resolveData(model);
    List<SentencePair> pairs;
    try (Stream<SentencePair> stream = ParallelCorpusReader.stream(source, reference)) {
      pairs = stream.toList();
    }
    EvaluationReport report;
    try (NDManager manager = NDManager.newBaseManager()) {
      try (Translator translator = Translators.open(model, manager, beam, shortlist, batch)) {
        report =
            new Evaluator()
                .evaluate(
                    translator,
                    pairs.stream().map(SentencePair::source).toList(),
                    pairs.stream().map(SentencePair::target).toList());
      }
    }
    print(report, spec.commandLine().getOut());
    return 0;
  }

  /** Fills --src/--ref from --test, or checks that both were given. */
  private void resolveData(Path model) throws IOException {
    if (test != null) {
      if (source != null || reference != null) {
        throw new ParameterException(spec.commandLine(), "Give --test or --src/--ref, not both");
      }
      CheckpointConfig config = CheckpointReader.readConfig(model);
      Multi30k split = Multi30k.fromStem(test);
      source = split.file(DataPaths.dataDir(), config.sourceLanguage());
      reference = split.file(DataPaths.dataDir(), config.targetLanguage());
    } else if (source == null || reference == null) {
      throw new ParameterException(spec.commandLine(), "Give --src and --ref, or --test SPLIT");
    }
  }

  private void print(EvaluationReport r, PrintWriter out) throws Exception {
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("model", model.toString());
      summary.put("source", source.toString());
      summary.put("reference", reference.toString());
      summary.put("beam", beam.value());
      summary.putAll(r.figures());
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(summary));
      return;
    }
    out.println(r.bleuDetail());
    out.printf(Locale.ROOT, "chrF2 = %.2f%n", r.chrf());
    out.printf(
        Locale.ROOT, "null rate = %.4f   sparsity = %.4f%n", r.meanNullRate(), r.meanSparsity());
    out.printf(
        Locale.ROOT,
        "Spearman(null rate, sentence chrF) = %.4f over %d sentences%n",
        r.nullRateChrfSpearman(),
        r.sentences());
    out.printf(
        Locale.ROOT,
        "speed = %.1f sentences/s, %.1f target tokens/s (beam %d, batch %d, %.1f s)%n",
        r.sentencesPerSecond(),
        r.targetTokensPerSecond(),
        beam.value(),
        batch.value(),
        r.seconds());
  }
}
