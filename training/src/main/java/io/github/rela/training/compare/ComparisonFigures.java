package io.github.rela.training.compare;

import io.github.rela.evaluation.plot.Chart;
import io.github.rela.evaluation.plot.Heatmap;
import io.github.rela.evaluation.plot.Series;
import io.github.rela.evaluation.report.EvaluationReport;
import io.github.rela.evaluation.report.SentenceResult;
import io.github.rela.model.translate.Translation;
import io.github.rela.training.log.LogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The comparison's pictures: null rate against quality, and attention side by side. */
public final class ComparisonFigures {

  private static final int BINS = 10;

  private ComparisonFigures() {}

  /** The file name of a model's null-rate picture. */
  public static String signalFile(ModelResult r) {
    return "null-rate-vs-chrf-" + r.model().name() + ".png";
  }

  /**
   * Sentence chrF against sentence null rate on the test sets: every sentence as a dot, and the
   * mean chrF of ten equal-count bins of null rate as a line (the trend the Spearman measures).
   */
  public static void writeSignal(ModelResult r, Path dir) {
    Chart chart =
        new Chart(
            r.model().name() + ": sentence chrF against null rate (test sets)",
            "null rate (share of all-zero cross-attention rows)",
            "sentence chrF");
    List<SentenceResult> pooled = new ArrayList<>();
    for (var test : ModelComparison.TESTS) {
      EvaluationReport report = r.sets().get(test.stem());
      chart.add(
          Series.dots(
              test.stem(),
              report.details().stream().mapToDouble(SentenceResult::nullRate).toArray(),
              report.details().stream().mapToDouble(SentenceResult::chrf).toArray()));
      pooled.addAll(report.details());
    }
    chart.add(binnedMeans(pooled));
    chart.writePng(dir.resolve(signalFile(r)), 900, 560);
  }

  private static Series binnedMeans(List<SentenceResult> sentences) {
    List<SentenceResult> sorted =
        sentences.stream().sorted(Comparator.comparingDouble(SentenceResult::nullRate)).toList();
    int bins = Math.min(BINS, sorted.size());
    double[] x = new double[bins];
    double[] y = new double[bins];
    for (int b = 0; b < bins; b++) {
      List<SentenceResult> bin =
          sorted.subList(b * sorted.size() / bins, (b + 1) * sorted.size() / bins);
      x[b] = bin.stream().mapToDouble(SentenceResult::nullRate).average().orElse(Double.NaN);
      y[b] = bin.stream().mapToDouble(SentenceResult::chrf).average().orElse(Double.NaN);
    }
    return Series.line("mean chrF of each tenth by null rate", x, y);
  }

  /**
   * Validation loss and BLEU (greedy, as the trainer measures it) against the step, one line per
   * model whose training log was found.
   *
   * @return the file names written: validation-loss.png and validation-bleu.png when there was
   *     something to draw
   */
  public static List<String> writeValidationCurves(List<ModelResult> results, Path dir) {
    List<String> files = new ArrayList<>();
    if (curve(results, "Validation loss during training", "val loss", LogEntry::loss)
        .map(chart -> write(chart, dir, "validation-loss.png", files))
        .isPresent()) {
      curve(results, "Validation BLEU during training", "val BLEU (greedy)", LogEntry::bleu)
          .ifPresent(chart -> write(chart, dir, "validation-bleu.png", files));
    }
    return files;
  }

  private static Optional<Chart> curve(
      List<ModelResult> results, String title, String yLabel, Function<LogEntry, Double> figure) {
    Chart chart = new Chart(title, "step", yLabel);
    boolean any = false;
    for (ModelResult r : results) {
      List<LogEntry> valid =
          TrainingFigures.logOf(r.model().checkpoint()).stream()
              .filter(e -> LogEntry.VALID.equals(e.kind()) && figure.apply(e) != null)
              .toList();
      if (!valid.isEmpty()) {
        chart.add(
            Series.line(
                r.model().name(),
                valid.stream().mapToDouble(LogEntry::step).toArray(),
                valid.stream().mapToDouble(figure::apply).toArray()));
        any = true;
      }
    }
    return any ? Optional.of(chart) : Optional.empty();
  }

  private static String write(Chart chart, Path dir, String file, List<String> files) {
    chart.writePng(dir.resolve(file), 900, 520);
    files.add(file);
    return file;
  }

  /**
   * One PNG per pictured sentence: each model's cross-attention (last layer, mean over heads) side
   * by side.
   *
   * @return the file names written, in order
   */
  public static List<String> writeAttention(
      List<ModelResult> results, List<List<Translation>> pictured, Path dir) {
    List<String> files = new ArrayList<>();
    int sentences = pictured.isEmpty() ? 0 : pictured.get(0).size();
    for (int s = 0; s < sentences; s++) {
      List<Heatmap> panels = new ArrayList<>();
      for (int m = 0; m < results.size(); m++) {
        Translation t = pictured.get(m).get(s);
        String title =
            String.format(
                Locale.ROOT,
                "%s: null rate %.2f, sparsity %.2f",
                results.get(m).model().name(),
                t.nullRate(),
                t.sparsity());
        panels.add(Heatmap.crossAttention(title, t));
      }
      String file = "attention-" + (s + 1) + ".png";
      Heatmap.writeSideBySide(dir.resolve(file), panels);
      files.add(file);
    }
    return files;
  }
}
