package io.github.rela.model.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.decoding.Hypothesis;
import io.github.rela.model.decoding.StepMode;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.Transformer;
import io.github.rela.model.translate.BatchDecoder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times batched decoding of random sources on randomly initialised models of the shipped size: for
 * each attention kind, greedy and beam search at each batch size with incremental decoding, and
 * greedy with whole-prefix recomputation at a few batch sizes.
 *
 * <p>Every output has exactly {@link BenchOptions#outputLength()} tokens (EOS suppressed until
 * then, decoding stopped there), so untrained models do the same work as trained ones.
 */
public final class DecodingBenchmark {
  private final BenchOptions options;

  public DecodingBenchmark(BenchOptions options) {
    this.options = options;
  }

  /**
   * Runs every cell {@link BenchOptions#rounds()} times, round after round (so that a burst of load
   * from other processes hits one round of a cell, not all of them), printing one line per cell and
   * round to {@code progress}, and keeps each cell's fastest round.
   */
  public List<CellResult> run(PrintWriter progress) {
    Map<String, CellResult> best = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<AttentionKind, Transformer> models = new LinkedHashMap<>();
      for (AttentionKind kind : options.kinds()) {
        Engine.getInstance().setRandomSeed((int) options.seed());
        Transformer model = Transformer.create(ModelSizes.shippedDefault(kind));
        model.initializeParameters(manager, DataType.FLOAT32);
        models.put(kind, model);
      }
      for (int round = 1; round <= options.rounds(); round++) {
        progress.printf("Round %d of %d%n", round, options.rounds());
        for (Transformer model : models.values()) {
          for (CellResult cell : round(model, manager, progress)) {
            best.merge(key(cell), cell, (a, b) -> a.seconds() <= b.seconds() ? a : b);
          }
        }
      }
    }
    return new ArrayList<>(best.values());
  }

  /** One round of every cell of one model. */
  private List<CellResult> round(Transformer model, NDManager manager, PrintWriter progress) {
    List<CellResult> results = new ArrayList<>();
    for (int beam : new int[] {1, options.beamSize()}) {
      for (int batch : options.batchSizes()) {
        results.add(report(progress, measure(model, manager, beam, batch, StepMode.INCREMENTAL)));
      }
    }
    for (int batch : options.recomputeBatchSizes()) {
      results.add(report(progress, measure(model, manager, 1, batch, StepMode.RECOMPUTE)));
    }
    return results;
  }

  private static String key(CellResult cell) {
    return cell.kind() + "/" + cell.beamSize() + "/" + cell.batchSize() + "/" + cell.mode();
  }

  /**
   * Decodes batches of {@code batch} random sentences for at least the cell's time and keeps the
   * fastest batch: on a shared machine the best of several runs is the least disturbed estimate.
   */
  CellResult measure(Transformer model, NDManager manager, int beam, int batch, StepMode mode) {
    DecodingOptions decoding =
        DecodingOptions.defaults()
            .withBeamSize(beam)
            .withMinLength(options.outputLength())
            .withMaxLength(0f, options.outputLength())
            .withStepMode(mode)
            .withKeepAttention(options.keepAttention());
    BatchDecoder decoder = new BatchDecoder(model, manager, SpecialIds.PROJECT, decoding);
    Random random = new Random(options.seed());
    decoder.decode(sources(random, batch, model.config().sourceVocabSize())); // warm-up
    long tokens = 0;
    double best = Double.POSITIVE_INFINITY;
    int batches = 0;
    long start = System.nanoTime();
    do {
      List<int[]> sources = sources(random, batch, model.config().sourceVocabSize());
      long batchStart = System.nanoTime();
      List<Hypothesis> results = decoder.decode(sources);
      best = Math.min(best, (System.nanoTime() - batchStart) / 1e9);
      tokens = results.stream().mapToLong(hypothesis -> hypothesis.tokens().length).sum();
      batches++;
    } while (batches < 2 || (System.nanoTime() - start) / 1e9 < options.secondsPerCell());
    double flops =
        batch
            * ModelSizes.flopsPerSentence(
                model.config(), options.sourceLength(), options.outputLength(), beam);
    return new CellResult(
        model.config().crossAttention(), beam, batch, mode, batch, tokens, best, flops);
  }

  /** {@code count} sources of random pieces (ids 4 ..), each ending with EOS. */
  List<int[]> sources(Random random, int count, int vocabSize) {
    List<int[]> sources = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int[] ids = new int[options.sourceLength()];
      for (int i = 0; i < ids.length - 1; i++) {
        ids[i] = 4 + random.nextInt(vocabSize - 4);
      }
      ids[ids.length - 1] = SpecialIds.PROJECT.eosId();
      sources.add(ids);
    }
    return sources;
  }

  private static CellResult report(PrintWriter progress, CellResult cell) {
    progress.printf(
        "  %-9s %-7s batch %3d %-11s %8.1f sent/s %9.1f tok/s%n",
        cell.kind().id(),
        cell.beamSize() == 1 ? "greedy" : "beam " + cell.beamSize(),
        cell.batchSize(),
        cell.mode().name().toLowerCase(java.util.Locale.ROOT),
        cell.sentencesPerSecond(),
        cell.tokensPerSecond());
    progress.flush();
    return cell;
  }
}
