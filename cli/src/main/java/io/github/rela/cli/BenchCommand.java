package io.github.rela.cli;

import io.github.rela.model.bench.BenchOptions;
import io.github.rela.model.bench.BenchReport;
import io.github.rela.model.bench.CellResult;
import io.github.rela.model.bench.DecodingBenchmark;
import io.github.rela.model.bench.MatmulPeak;
import io.github.rela.model.bench.MemorySoak;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.engine.EngineThreads;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rela bench}: decoding speed on models of the shipped size, or a memory soak. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Measures decoding speed on randomly initialised models the size of the shipped default"
          + " (vocab 8000, d_model 256, 4 heads, ffn 1024, 3+3 layers): sentences/s and target"
          + " tokens/s per batch size, greedy vs beam, per attention function, incremental vs"
          + " whole-prefix recomputation, and the share of the machine's fp32 matmul peak;"
          + " or, with --soak, resident memory over many sentences."
    })
public final class BenchCommand implements Callable<Integer> {

  @Mixin BeamOption beam;

  @Mixin ThreadsOption threads;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--kinds",
      split = ",",
      defaultValue = "softmax,rela-g,entmax15",
      converter = KindConverter.class,
      description = "Model: attention functions to compare (all three attention types).")
  List<AttentionKind> kinds;

  @Option(
      names = "--batch-sizes",
      split = ",",
      defaultValue = "1,8,32,64",
      description = "Data: sentences per batch.")
  List<Integer> batchSizes;

  @Option(
      names = "--recompute-batch-sizes",
      split = ",",
      defaultValue = "1,32",
      description = "Decoding: batch sizes also timed with whole-prefix recomputation (greedy).")
  List<Integer> recomputeBatchSizes;

  @Option(
      names = "--source-length",
      defaultValue = "20",
      description = "Data: source tokens per sentence, EOS included.")
  int sourceLength;

  @Option(
      names = "--output-length",
      defaultValue = "30",
      description = "Decoding: target tokens per sentence (EOS suppressed until then).")
  int outputLength;

  @Option(
      names = "--seconds",
      defaultValue = "1",
      description =
          "Timed seconds per measurement and model (at least three batches after a warm-up"
              + " one, the models taking turns batch by batch); the table shows each model's"
              + " median batch, and models are compared batch by batch.")
  double seconds;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "Times every measurement is repeated, round after round; the table shows the"
              + " fastest round, and the ratios between models use the batches of all rounds.")
  int rounds;

  @Option(
      names = "--no-attention",
      description = "Decoding: do not copy the cross-attention back (tokens only).")
  boolean noAttention;

  @Option(
      names = "--peak-size",
      defaultValue = "1024",
      description = "Device: size of the square fp32 matmuls that measure the peak.")
  int peakSize;

  @Option(
      names = "--shortlist-pieces",
      defaultValue = "1000",
      description =
          "Also measure rela-g with a vocabulary shortlist of this many pieces (the shipped"
              + " model's shortlist gives about 950 for one test_2016_flickr sentence and 3,300"
              + " for a batch of 32); 0: not measured.")
  int shortlistPieces;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and sources.")
  long seed;

  @Option(
      names = "--soak",
      defaultValue = "0",
      paramLabel = "SENTENCES",
      description =
          "Instead of the speed table, decode this many sentences (greedy, rela-g) and print the"
              + " resident memory as it goes, e.g. --soak 100000.")
  long soak;

  @Option(
      names = "--soak-batch",
      defaultValue = "32",
      description = "Data: sentences per batch in the soak.")
  int soakBatch;

  @Override
  public Integer call() {
    EngineThreads.configure(threads.value());
    BenchOptions options =
        new BenchOptions(
            kinds,
            batchSizes,
            beam.value(),
            recomputeBatchSizes,
            sourceLength,
            outputLength,
            seconds,
            rounds,
            !noAttention,
            shortlistPieces,
            seed);
    PrintWriter out = spec.commandLine().getOut();
    if (soak > 0) {
      out.printf("Memory soak: %,d sentences in batches of %d%n", soak, soakBatch);
      double growth = new MemorySoak(options).run(soak, soakBatch, out);
      out.printf("Resident memory growth over the second half: %.1f MiB%n", growth);
      return 0;
    }
    double peak = MatmulPeak.measure(peakSize, Math.min(seconds, 2.0));
    out.printf("fp32 matmul peak (%dx%d): %.1f GFLOP/s%n", peakSize, peakSize, peak);
    List<CellResult> cells = new DecodingBenchmark(options).run(out);
    new BenchReport(cells, peak, options).print(out);
    return 0;
  }

  /** Reads an attention kind identifier such as {@code rela-g}. */
  static final class KindConverter implements picocli.CommandLine.ITypeConverter<AttentionKind> {
    @Override
    public AttentionKind convert(String value) {
      return AttentionKind.fromId(value);
    }
  }
}
