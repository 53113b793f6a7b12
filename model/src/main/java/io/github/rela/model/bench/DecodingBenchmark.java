package io.github.rela.model.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.ModelConfig;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.decoding.Hypothesis;
import io.github.rela.model.decoding.StepMode;
import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.Transformer;
import io.github.rela.model.translate.BatchDecoder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

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
   * from other processes hits one round of a cell, not all of them), printing one line per cell,
   * kind and round to {@code progress}, and keeps each cell's fastest round for the table and all
   * rounds' batches for the ratios.
   *
   * <p>Each round builds the models anew (the same weights, from the same seed), the kind built
   * first rotating from round to round. Where a model's arrays land in memory is worth a few
   * percent on this project's build machine: the same model measured twice in one cell ran 1.5%
   * slower on average as the second one built, and rela-g against softmax read 2-4% higher with
   * rela-g built first. Rotating spreads that over the kinds instead of handing it to the first
   * one.
   */
  public List<CellResult> run(PrintWriter progress) {
    Map<String, CellResult> best = new LinkedHashMap<>();
    for (int round = 1; round <= options.rounds(); round++) {
      int first = (round - 1) % options.kinds().size();
      progress.printf(
          "Round %d of %d (%s built first)%n",
          round, options.rounds(), options.kinds().get(first).id());
      try (NDManager manager = NDManager.newBaseManager()) {
        List<Transformer> models = build(manager, first);
        for (CellResult cell : round(models, manager, first, progress)) {
          best.merge(key(cell), cell, CellResult::withRound);
        }
      }
    }
    return new ArrayList<>(best.values());
  }

  /** One model per kind, in the order of the kinds, built from {@code first} on. */
  private List<Transformer> build(NDManager manager, int first) {
    int count = options.kinds().size();
    Transformer[] models = new Transformer[count];
    for (int k = 0; k < count; k++) {
      int m = (first + k) % count;
      Engine.getInstance().setRandomSeed((int) options.seed());
      models[m] = Transformer.create(ModelSizes.shippedDefault(options.kinds().get(m)));
      models[m].initializeParameters(manager, DataType.FLOAT32);
    }
    return List.of(models);
  }

  /** One round of every cell, every model measured side by side in each. */
  private List<CellResult> round(
      List<Transformer> models, NDManager manager, int first, PrintWriter progress) {
    List<CellResult> results = new ArrayList<>();
    for (int beam : new int[] {1, options.beamSize()}) {
      for (int batch : options.batchSizes()) {
        results.addAll(
            report(progress, measure(models, manager, first, beam, batch, StepMode.INCREMENTAL)));
      }
    }
    for (int batch : options.recomputeBatchSizes()) {
      results.addAll(
          report(progress, measure(models, manager, first, 1, batch, StepMode.RECOMPUTE)));
    }
    return results;
  }

  private static String key(CellResult cell) {
    return cell.kind()
        + "/"
        + cell.shortlistPieces()
        + "/"
        + cell.beamSize()
        + "/"
        + cell.batchSize()
        + "/"
        + cell.mode();
  }

  /**
   * Decodes batches of {@code batch} random sentences with every model in turn, the same batch for
   * each and the model that goes first rotating, for at least the cell's time per model, and keeps
   * each model's median batch and every batch's time. On a shared machine a burst of load from
   * other processes then slows all models alike instead of whichever model was being measured at
   * the time; the report compares the models batch by batch ({@link PairedRatio}), and the table
   * shows each model's median batch, which is steadier than the single fastest batch, which rewards
   * whichever model happened to run in the one quiet moment.
   *
   * @param first the model built first this round, whose decoder also warms up first
   * @return one result per model, in the order of {@code models}
   */
  List<CellResult> measure(
      List<Transformer> models, NDManager manager, int first, int beam, int batch, StepMode mode) {
    DecodingOptions decoding =
        DecodingOptions.defaults()
            .withBeamSize(beam)
            .withMinLength(options.outputLength())
            .withMaxLength(0f, options.outputLength())
            .withStepMode(mode)
            .withKeepAttention(options.keepAttention());
    List<Transformer> measured = new ArrayList<>(models);
    List<BatchDecoder> decoders = new ArrayList<>();
    List<Integer> shortlists = new ArrayList<>();
    for (Transformer model : models) {
      decoders.add(new BatchDecoder(model, manager, SpecialIds.PROJECT, decoding));
      shortlists.add(0);
    }
    int relaG = kindIndex(models, AttentionKind.RELA_G);
    if (options.shortlistPieces() > 0 && relaG >= 0 && mode == StepMode.INCREMENTAL) {
      measured.add(models.get(relaG));
      decoders.add(
          new BatchDecoder(
              models.get(relaG),
              manager,
              SpecialIds.PROJECT,
              decoding,
              fixedShortlist(options.shortlistPieces(), models.get(relaG))));
      shortlists.add(options.shortlistPieces());
    }
    int count = decoders.size();
    int vocabSize = models.get(0).config().sourceVocabSize();
    Random random = new Random(options.seed());
    List<int[]> warmUp = sources(random, batch, vocabSize);
    for (int k = 0; k < count; k++) { // the warm-up makes each decoder's derived weights
      decoders.get((first + k) % count).decode(warmUp);
    }
    List<List<Double>> seconds = new ArrayList<>(count);
    for (int m = 0; m < count; m++) {
      seconds.add(new ArrayList<>());
    }
    long[] tokens = new long[count];
    int batches = 0;
    long start = System.nanoTime();
    do {
      List<int[]> sources = sources(random, batch, vocabSize);
      for (int k = 0; k < count; k++) {
        int m = (k + batches) % count; // the model that goes first rotates
        long batchStart = System.nanoTime();
        List<Hypothesis> results = decoders.get(m).decode(sources);
        seconds.get(m).add((System.nanoTime() - batchStart) / 1e9);
        tokens[m] = results.stream().mapToLong(hypothesis -> hypothesis.tokens().length).sum();
      }
      batches++;
    } while (batches < 3 || (System.nanoTime() - start) / 1e9 < options.secondsPerCell() * count);
    List<CellResult> cells = new ArrayList<>(count);
    for (int m = 0; m < count; m++) {
      ModelConfig config = measured.get(m).config();
      double flops =
          batch
              * ModelSizes.flopsPerSentence(
                  config, options.sourceLength(), options.outputLength(), beam);
      cells.add(
          new CellResult(
              config.crossAttention(),
              shortlists.get(m),
              beam,
              batch,
              mode,
              batch,
              tokens[m],
              median(seconds.get(m)),
              flops,
              seconds.get(m)));
    }
    return cells;
  }

  private static int kindIndex(List<Transformer> models, AttentionKind kind) {
    for (int m = 0; m < models.size(); m++) {
      if (models.get(m).config().crossAttention() == kind) {
        return m;
      }
    }
    return -1;
  }

  /**
   * A shortlist that gives every batch the same {@code pieces} pieces (EOS and the ids from 4 on),
   * whatever its sources: the random sources would otherwise bring in the whole vocabulary.
   */
  private static Shortlist fixedShortlist(int pieces, Transformer model) {
    int size = Math.min(pieces - 1, model.config().targetVocabSize() - 4);
    return new Shortlist(IntStream.range(4, 4 + size).toArray(), Map.of());
  }

  private static double median(List<Double> values) {
    return PairedRatio.median(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
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

  private static List<CellResult> report(PrintWriter progress, List<CellResult> cells) {
    for (CellResult cell : cells) {
      progress.printf(
          "  %-9s %-7s batch %3d %-11s %8.1f sent/s %9.1f tok/s%n",
          cell.kind().id() + (cell.shortlistPieces() > 0 ? "+sl" : ""),
          cell.beamSize() == 1 ? "greedy" : "beam " + cell.beamSize(),
          cell.batchSize(),
          cell.mode().name().toLowerCase(java.util.Locale.ROOT),
          cell.sentencesPerSecond(),
          cell.tokensPerSecond());
    }
    progress.flush();
    return cells;
  }
}
