package io.github.rela.model.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.Transformer;
import io.github.rela.model.translate.BatchDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Decodes many sentences in batches and watches the process's resident memory: with every batch's
 * arrays released at the end of the batch, it must level off after the first batches instead of
 * growing with the number of sentences.
 */
public final class MemorySoak {
  private final BenchOptions options;

  public MemorySoak(BenchOptions options) {
    this.options = options;
  }

  /**
   * Decodes {@code sentences} sentences with greedy search in batches of {@code batchSize} on a
   * rela-g model, printing the resident set size about ten times.
   *
   * @return growth of the resident set in MiB over the second half (the first half is warm-up:
   *     allocator pools, JIT, heap pages touched for the first time)
   */
  public double run(long sentences, int batchSize, PrintWriter out) {
    DecodingOptions decoding =
        DecodingOptions.defaults()
            .withBeamSize(1)
            .withMinLength(options.outputLength())
            .withMaxLength(0f, options.outputLength())
            .withKeepAttention(true);
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed((int) options.seed());
      Transformer model = Transformer.create(ModelSizes.shippedDefault(AttentionKind.RELA_G));
      model.initializeParameters(manager, DataType.FLOAT32);
      BatchDecoder decoder = new BatchDecoder(model, manager, SpecialIds.PROJECT, decoding);
      DecodingBenchmark sources = new DecodingBenchmark(options);
      Random random = new Random(options.seed());
      long report = Math.max(batchSize, sentences / 10);
      long nextReport = report;
      double baseline = -1;
      double rss = residentMiB();
      long start = System.nanoTime();
      for (long done = 0; done < sentences; ) {
        int size = (int) Math.min(batchSize, sentences - done);
        decoder.decode(sources.sources(random, size, model.config().sourceVocabSize()));
        done += size;
        if (done >= nextReport || done == sentences) {
          rss = residentMiB();
          baseline = baseline < 0 && done >= sentences / 2 ? rss : baseline;
          out.printf(
              "  %,9d sentences  %7.1f s  resident %8.1f MiB  heap %6.1f MiB%n",
              done, (System.nanoTime() - start) / 1e9, rss, heapMiB());
          out.flush();
          nextReport += report;
        }
      }
      return rss - baseline;
    }
  }

  /** VmRSS of this process, from {@code /proc/self/status}. */
  static double residentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
      return Double.NaN;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double heapMiB() {
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
  }
}
