package io.github.rela.cli;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.decoding.StepMode;
import io.github.rela.model.engine.EngineThreads;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.LineTranslator;
import io.github.rela.model.translate.OutputFormat;
import io.github.rela.model.translate.Translator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rela translate}: sentences from standard input, translations to standard output. */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Translates sentences read from standard input, one per line, and writes one result per"
          + " line in the same order. An empty line gives an empty translation; a line longer"
          + " than the model accepts is truncated with a warning."
    })
public final class TranslateCommand implements Callable<Integer> {

  @Mixin BeamOption beam;

  @Mixin ShortlistOption shortlist;

  @Mixin BatchOption batch;

  @Mixin ThreadsOption threads;

  @Mixin ModelOption model;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--alpha",
      defaultValue = "0.6",
      description = "Decoding: GNMT length penalty alpha, score = logP / ((5 + len) / 6)^alpha.")
  float alpha;

  @Option(
      names = "--max-length-ratio",
      defaultValue = "1.5",
      description = "Decoding: at most ratio * source tokens + constant target tokens.")
  float maxLengthRatio;

  @Option(
      names = "--max-length-constant",
      defaultValue = "10",
      description = "Decoding: see --max-length-ratio.")
  int maxLengthConstant;

  @Option(
      names = "--format",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = "Data: output format, text or jsonl.")
  OutputFormat format;

  @Option(
      names = "--attention",
      paramLabel = "VIEW",
      converter = ViewConverter.class,
      description =
          "Data: add the sparse cross-attention to jsonl output: heads, last-layer or"
              + " all-layers.")
  AttentionView attention;

  @Override
  public Integer call() throws Exception {
    EngineThreads.configure(threads.value());
    DecodingOptions decoding =
        new DecodingOptions(
            beam.value(),
            alpha,
            maxLengthRatio,
            maxLengthConstant,
            0,
            StepMode.INCREMENTAL,
            true,
            shortlist.value());
    AttentionView view = attention == null ? AttentionView.LAST_LAYER : attention;
    PrintWriter out = spec.commandLine().getOut();
    try (NDManager manager = NDManager.newBaseManager()) {
      Path checkpoint = model.checkpoint();
      try (Translator translator =
          Translator.open(checkpoint, manager, decoding, batch.value(), view)) {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        new LineTranslator(translator, format, attention != null, 16 * batch.value()).run(in, out);
      }
    }
    return 0;
  }

  /** Reads {@code text} or {@code jsonl}. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return OutputFormat.fromId(value);
    }
  }

  /** Reads {@code heads}, {@code last-layer} or {@code all-layers}. */
  static final class ViewConverter implements picocli.CommandLine.ITypeConverter<AttentionView> {
    @Override
    public AttentionView convert(String value) {
      return AttentionView.fromId(value);
    }
  }
}
