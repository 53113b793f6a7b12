package io.github.rela.streams.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.rela.evaluation.plot.Chart;
import io.github.rela.evaluation.plot.Heatmap;
import io.github.rela.evaluation.plot.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes a replay's report as {@code report.json}, {@code report.md} and pictures: the null-rate
 * histogram, null rate against sentence chrF, and cross-attention heatmaps of the worst sentences.
 */
public final class ReplayReportWriter {

  private static final int HEATMAPS = 3;
  private static final double BIN = 10;

  private ReplayReportWriter() {}

  public static void write(Replay.ReplayResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    ReplayReport r = result.report();
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("report.json").toFile(), r);
    Files.writeString(dir.resolve("report.md"), markdown(r));
    double[] nullRates =
        r.details().stream().mapToDouble(ReplayReport.Sentence::nullRate).toArray();
    double[] chrfs = r.details().stream().mapToDouble(ReplayReport.Sentence::chrf).toArray();
    Chart.histogram("null rate of " + r.topic(), "null rate", nullRates, 0, 1, 20)
        .writePng(dir.resolve("null-rate-histogram.png"), 640, 400);
    new Chart("null rate against sentence chrF", "null rate", "sentence chrF")
        .add(Series.dots("sentences", nullRates, chrfs))
        .writePng(dir.resolve("null-rate-vs-chrf.png"), 640, 400);
    if (r.quality() != null) {
      calibrationChart(r).writePng(dir.resolve("quality-calibration.png"), 640, 400);
    }
    List<Integer> worst = worstIndices(r, HEATMAPS);
    for (int rank = 0; rank < worst.size(); rank++) {
      ReplayedTranslation t = result.translations().get(worst.get(rank));
      heatmap(t, r.details().get(worst.get(rank)))
          .writePng(dir.resolve(String.format("worst-%d-attention.png", rank + 1)));
    }
  }

  /**
   * Predicted against actual chrF, binned by the prediction (bins of {@value #BIN} points): a
   * calibrated estimate keeps the binned means on the diagonal.
   */
  static Chart calibrationChart(ReplayReport r) {
    int bins = (int) (100 / BIN);
    double[] predicted = new double[bins];
    double[] actual = new double[bins];
    int[] counts = new int[bins];
    for (ReplayReport.Sentence s : r.details()) {
      int bin = Math.min(bins - 1, (int) (s.quality() / BIN));
      predicted[bin] += s.quality();
      actual[bin] += s.chrf();
      counts[bin]++;
    }
    List<double[]> points = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (counts[b] > 0) {
        points.add(new double[] {predicted[b] / counts[b], actual[b] / counts[b]});
      }
    }
    double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
    return new Chart("quality estimate calibration", "estimated chrF (bin mean)", "actual chrF")
        .add(Series.line("binned means", x, y))
        .add(Series.line("perfect calibration", new double[] {0, 100}, new double[] {0, 100}));
  }

  private static List<Integer> worstIndices(ReplayReport r, int count) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < r.details().size(); i++) {
      indices.add(i);
    }
    indices.sort(Comparator.comparingDouble(i -> r.details().get(i).chrf()));
    return indices.subList(0, Math.min(count, indices.size()));
  }

  private static Heatmap heatmap(ReplayedTranslation t, ReplayReport.Sentence s) {
    String title =
        String.format(Locale.ROOT, "%s: chrF %.1f, null rate %.2f", s.id(), s.chrf(), s.nullRate());
    return Heatmap.crossAttention(title, t.sourceTokens(), t.targetTokens(), t.attention());
  }

  static String markdown(ReplayReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Replay of `").append(r.topic()).append("` (").append(r.range()).append(")\n\n");
    md.append("Model: `").append(r.model()).append("`\n\n");
    md.append("| figure | value |\n|---|---|\n");
    row(md, "sentences (with reference)", Integer.toString(r.sentences()));
    row(md, "skipped (no reference)", Integer.toString(r.skipped()));
    row(md, "BLEU", r.bleuDetail());
    row(md, "chrF2", format(r.chrf()));
    row(md, "null rate mean", format(r.nullRateMean()));
    row(
        md,
        "null rate p50 / p90 / p99",
        format(r.nullRatePercentiles()[0])
            + " / "
            + format(r.nullRatePercentiles()[1])
            + " / "
            + format(r.nullRatePercentiles()[2]));
    row(md, "Spearman(null rate, sentence chrF)", format(r.spearman()));
    row(md, "flagged (null rate >= " + format(r.threshold()) + ")", Integer.toString(r.flagged()));
    row(md, "flag precision for the worst 10% by chrF", format(r.flagPrecision()));
    row(md, "flag recall for the worst 10% by chrF", format(r.flagRecall()));
    ReplayReport.QualityTriage q = r.quality();
    if (q != null) {
      row(md, "Spearman(quality estimate, sentence chrF)", format(q.spearman()));
      row(md, "AUROC of the estimate for the worst 10% by chrF", format(q.auroc()));
      row(
          md,
          "flagged by the estimate (below " + format(q.threshold()) + ")",
          Integer.toString(q.flagged()));
      row(md, "estimate flag precision for the worst 10%", format(q.flagPrecision()));
      row(md, "estimate flag recall for the worst 10%", format(q.flagRecall()));
    }
    if (r.speed() != null) {
      row(md, "sentences/s", format(r.speed().sentencesPerSecond()));
    }
    md.append("\n![null-rate histogram](null-rate-histogram.png)\n");
    md.append("![null rate against chrF](null-rate-vs-chrf.png)\n");
    if (q != null) {
      md.append("![quality estimate calibration](quality-calibration.png)\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
