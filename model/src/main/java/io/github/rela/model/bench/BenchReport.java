package io.github.rela.model.bench;

import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.decoding.StepMode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** Prints the benchmark's table side by side, then the ratios the acceptance criteria name. */
public final class BenchReport {
  private final List<CellResult> cells;
  private final double peakGflops;
  private final BenchOptions options;

  public BenchReport(List<CellResult> cells, double peakGflops, BenchOptions options) {
    this.cells = List.copyOf(cells);
    this.peakGflops = peakGflops;
    this.options = options;
  }

  /** The table (one row per search and batch size, one column group per kind) and the ratios. */
  public void print(PrintWriter out) {
    out.printf(
        "%nIncremental decoding, %d source and %d target tokens per sentence; sent/s | tok/s |"
            + " share of the fp32 matmul peak (%.1f GFLOP/s)%n",
        options.sourceLength(), options.outputLength(), peakGflops);
    out.printf("%-8s %5s", "search", "batch");
    for (AttentionKind kind : options.kinds()) {
      out.printf(" | %-28s", kind.id());
    }
    if (hasShortlist()) {
      out.printf(" | %-28s", "rela-g, shortlist " + options.shortlistPieces());
    }
    out.println();
    for (int beam : new int[] {1, options.beamSize()}) {
      for (int batch : options.batchSizes()) {
        out.printf("%-8s %5d", searchName(beam), batch);
        for (AttentionKind kind : options.kinds()) {
          printCell(out, cell(kind, beam, batch, StepMode.INCREMENTAL).orElseThrow());
        }
        if (hasShortlist()) {
          printCell(out, shortlisted(beam, batch).orElseThrow());
        }
        out.println();
      }
    }
    printRatios(out);
    out.flush();
  }

  private void printCell(PrintWriter out, CellResult cell) {
    out.printf(
        " | %7.1f %9.0f %8.1f%%",
        cell.sentencesPerSecond(), cell.tokensPerSecond(), 100 * cell.gflops() / peakGflops);
  }

  private boolean hasShortlist() {
    return options.shortlistPieces() > 0 && options.kinds().contains(AttentionKind.RELA_G);
  }

  private void printRatios(PrintWriter out) {
    out.printf("%nRatios (sentences/s)%n");
    for (AttentionKind kind : options.kinds()) {
      for (int batch : options.recomputeBatchSizes()) {
        ratio(
            out,
            kind.id() + " greedy batch " + batch + ": incremental / recompute",
            cell(kind, 1, batch, StepMode.INCREMENTAL),
            cell(kind, 1, batch, StepMode.RECOMPUTE),
            3.0);
      }
      for (int beam : new int[] {1, options.beamSize()}) {
        ratio(
            out,
            kind.id() + " " + searchName(beam) + ": batch 32 / batch 1",
            cell(kind, beam, 32, StepMode.INCREMENTAL),
            cell(kind, beam, 1, StepMode.INCREMENTAL),
            8.0);
      }
    }
    for (int beam : new int[] {1, options.beamSize()}) {
      for (int batch : options.batchSizes()) {
        String where = searchName(beam) + " batch " + batch;
        ratio(
            out,
            "rela-g / softmax, " + where,
            cell(AttentionKind.RELA_G, beam, batch, StepMode.INCREMENTAL),
            cell(AttentionKind.SOFTMAX, beam, batch, StepMode.INCREMENTAL),
            0.97);
        ratio(
            out,
            "rela-g / entmax15, " + where,
            cell(AttentionKind.RELA_G, beam, batch, StepMode.INCREMENTAL),
            cell(AttentionKind.ENTMAX15, beam, batch, StepMode.INCREMENTAL),
            2.0);
        ratio(
            out,
            "rela-g shortlist " + options.shortlistPieces() + " / rela-g, " + where,
            shortlisted(beam, batch),
            cell(AttentionKind.RELA_G, beam, batch, StepMode.INCREMENTAL),
            1.0);
      }
    }
  }

  /**
   * Prints {@code a / b} in sentences/s against its target, when both cells were measured. Cells of
   * one measurement (same search, batch size and step mode, the models taking turns) compare batch
   * by batch, with the 95% interval of the median ratio ({@link PairedRatio}); cells measured apart
   * compare their medians.
   */
  private static void ratio(
      PrintWriter out,
      String label,
      Optional<CellResult> a,
      Optional<CellResult> b,
      double target) {
    if (a.isEmpty() || b.isEmpty()) {
      return;
    }
    if (!sameMeasurement(a.get(), b.get())) {
      double ratio = a.get().sentencesPerSecond() / b.get().sentencesPerSecond();
      out.printf(
          "  %-52s %6.2fx %26s (target >= %.2fx: %s)%n",
          label, ratio, "", target, ratio >= target ? "met" : "NOT met");
      return;
    }
    PairedRatio paired = PairedRatio.of(a.get().batchSeconds(), b.get().batchSeconds());
    String verdict = paired.median() >= target ? "met" : "NOT met";
    if (paired.low() < target && paired.high() >= target) {
      verdict += ", not settled at 95%";
    }
    out.printf(
        "  %-52s %6.2fx [%.2f-%.2f, %4d batches] (target >= %.2fx: %s)%n",
        label, paired.median(), paired.low(), paired.high(), paired.pairs(), target, verdict);
  }

  /** Whether two cells come from one measurement, their batches paired. */
  private static boolean sameMeasurement(CellResult a, CellResult b) {
    return a.beamSize() == b.beamSize()
        && a.batchSize() == b.batchSize()
        && a.mode() == b.mode()
        && a.batchSeconds().size() == b.batchSeconds().size();
  }

  /** The cell of {@code kind} over the whole vocabulary. */
  private Optional<CellResult> cell(AttentionKind kind, int beam, int batch, StepMode mode) {
    return find(kind, 0, beam, batch, mode);
  }

  /** The cell of rela-g over the benchmark's shortlist. */
  private Optional<CellResult> shortlisted(int beam, int batch) {
    return hasShortlist()
        ? find(AttentionKind.RELA_G, options.shortlistPieces(), beam, batch, StepMode.INCREMENTAL)
        : Optional.empty();
  }

  private Optional<CellResult> find(
      AttentionKind kind, int shortlistPieces, int beam, int batch, StepMode mode) {
    return cells.stream()
        .filter(
            c ->
                c.kind() == kind
                    && c.shortlistPieces() == shortlistPieces
                    && c.beamSize() == beam
                    && c.batchSize() == batch
                    && c.mode() == mode)
        .findFirst();
  }

  private static String searchName(int beam) {
    return beam == 1 ? "greedy" : "beam " + beam;
  }
}
