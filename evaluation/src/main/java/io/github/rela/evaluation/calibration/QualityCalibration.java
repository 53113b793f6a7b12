package io.github.rela.evaluation.calibration;

import io.github.rela.evaluation.calibration.fit.FitExample;
import io.github.rela.evaluation.calibration.fit.QualityFit;
import io.github.rela.evaluation.scoring.RankCorrelation;
import io.github.rela.model.quality.QualityEstimator;
import io.github.rela.model.quality.QualityFeatures;
import io.github.rela.model.quality.QualityModelFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits {@code quality.json} on val plus the synthetic out-of-domain examples, and judges any
 * feature subset on the test and wrong-language sets: the calibration figures, the ablation table
 * and the null-rate analysis.
 */
public final class QualityCalibration {
  private final CalibrationSets sets;
  private final QualityFit fit;
  private final double syntheticWeight;

  /**
   * @param syntheticWeight weight of each synthetic example relative to a val sentence
   */
  public QualityCalibration(CalibrationSets sets, QualityFit fit, double syntheticWeight) {
    this.sets = sets;
    this.fit = fit;
    this.syntheticWeight = syntheticWeight;
  }

  /** Every feature name, in extraction order. */
  public List<String> allFeatures() {
    return List.copyOf(sets.val().features().get(0).values().keySet());
  }

  /** The model over {@code features}, with its figures on every set. */
  public QualityModelFile fit(List<String> features) {
    List<FitExample> examples = new ArrayList<>();
    add(examples, sets.val(), 1.0, true);
    for (LabelledSet set : sets.synthetic()) {
      add(examples, set, syntheticWeight, false);
    }
    QualityModelFile model = fit.fit(features, examples);
    return model.withFigures(figures(model));
  }

  static void add(List<FitExample> examples, LabelledSet set, double weight, boolean calibration) {
    for (int i = 0; i < set.size(); i++) {
      examples.add(new FitExample(set.features().get(i), set.chrf()[i], weight, calibration));
    }
  }

  /** Figures by name: {@code <set>.auroc}, {@code .spearman}, {@code .flagged}, {@code .ratio}. */
  private Map<String, Double> figures(QualityModelFile model) {
    Map<String, Double> figures = new LinkedHashMap<>();
    List<LabelledSet> inDomain = new ArrayList<>(List.of(sets.val()));
    inDomain.addAll(sets.tests());
    for (LabelledSet set : inDomain) {
      TriageFigures t = TriageFigures.of(estimates(model, set), set.chrf(), model.threshold());
      figures.put(set.name() + ".auroc", t.auroc());
      figures.put(set.name() + ".spearman", t.spearman());
      figures.put(set.name() + ".flagged", t.flagged());
      figures.put(set.name() + ".bad_ratio", t.badRatio());
    }
    for (LabelledSet set : sets.wrongLanguage()) {
      figures.put(
          set.name() + ".flagged",
          TriageFigures.flaggedShare(estimates(model, set), model.threshold()));
    }
    return figures;
  }

  /** The estimated chrF of every sentence of {@code set}. */
  public static double[] estimates(QualityModelFile model, LabelledSet set) {
    QualityEstimator estimator = new QualityEstimator(model);
    return set.features().stream().mapToDouble(f -> estimator.estimate(f).quality()).toArray();
  }

  /** Prints the figures of {@code model} as one table. */
  public void printFigures(QualityModelFile model, PrintWriter out) {
    out.printf("%-34s %7s %9s %8s %9s%n", "set", "AUROC", "Spearman", "flagged", "bad ratio");
    List<LabelledSet> inDomain = new ArrayList<>(List.of(sets.val()));
    inDomain.addAll(sets.tests());
    Map<String, Double> f = model.figures();
    for (LabelledSet set : inDomain) {
      String n = set.name();
      out.printf(
          "%-34s %7.3f %9.3f %7.1f%% %9.2f%n",
          n,
          f.get(n + ".auroc"),
          f.get(n + ".spearman"),
          100 * f.get(n + ".flagged"),
          f.get(n + ".bad_ratio"));
    }
    for (LabelledSet set : sets.wrongLanguage()) {
      out.printf(
          "%-34s %7s %9s %7.1f%%%n", set.name(), "", "", 100 * f.get(set.name() + ".flagged"));
    }
    baseline(out);
  }

  /** The bar to beat: the mean token log-probability alone, unfitted. */
  private void baseline(PrintWriter out) {
    for (LabelledSet set : sets.tests()) {
      double[] lp = set.features().stream().mapToDouble(f -> f.get("lp_mean")).toArray();
      TriageFigures t = TriageFigures.of(lp, set.chrf(), Double.NEGATIVE_INFINITY);
      out.printf(
          "baseline lp_mean on %-21s AUROC %.3f, Spearman %.3f%n",
          set.name(), t.auroc(), t.spearman());
    }
  }

  /** Each feature alone, then the families added one by one, fitted and judged the same way. */
  public void printAblation(PrintWriter out) {
    List<String> all = allFeatures();
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String feature : all) {
      rows.put(feature, List.of(feature));
    }
    List<String> cumulative = new ArrayList<>();
    String label = "";
    for (FeatureGroups group : FeatureGroups.values()) {
      cumulative.addAll(group.select(all));
      label = label.isEmpty() ? group.label() : label + " + " + group.label();
      rows.put(label, List.copyOf(cumulative));
    }
    List<String> withoutAttention = new ArrayList<>(all);
    withoutAttention.removeAll(FeatureGroups.ATTENTION.select(all));
    rows.put("everything but ReLA attention", withoutAttention);
    header(out);
    rows.forEach((name, features) -> row(out, name, fit(features)));
  }

  private void header(PrintWriter out) {
    StringBuilder line = new StringBuilder("| features |");
    StringBuilder rule = new StringBuilder("|---|");
    for (LabelledSet set : sets.tests()) {
      line.append(" AUROC ")
          .append(set.name())
          .append(" | Spearman ")
          .append(set.name())
          .append(" |");
      rule.append("---|---|");
    }
    for (LabelledSet set : sets.wrongLanguage()) {
      line.append(" flagged ").append(set.name()).append(" |");
      rule.append("---|");
    }
    out.println(line);
    out.println(rule);
  }

  private void row(PrintWriter out, String name, QualityModelFile model) {
    StringBuilder line = new StringBuilder("| " + name + " |");
    Map<String, Double> f = model.figures();
    for (LabelledSet set : sets.tests()) {
      line.append(
          " %.3f | %.3f |"
              .formatted(f.get(set.name() + ".auroc"), f.get(set.name() + ".spearman")));
    }
    for (LabelledSet set : sets.wrongLanguage()) {
      line.append(" %.0f%% |".formatted(100 * f.get(set.name() + ".flagged")));
    }
    out.println(line);
    out.flush();
  }

  /**
   * Partial rank correlation of every null-rate feature with chrF, source length held fixed, on val
   * and each test set.
   */
  public void printNullRateAnalysis(PrintWriter out) {
    List<LabelledSet> inDomain = new ArrayList<>(List.of(sets.val()));
    inDomain.addAll(sets.tests());
    StringBuilder head = new StringBuilder("| feature |");
    StringBuilder rule = new StringBuilder("|---|");
    for (LabelledSet set : inDomain) {
      head.append(" raw ").append(set.name()).append(" | partial ").append(set.name()).append(" |");
      rule.append("---|---|");
    }
    out.println(head);
    out.println(rule);
    for (String feature : allFeatures()) {
      if (!feature.startsWith("null_") && !feature.startsWith("uncovered_")) {
        continue;
      }
      StringBuilder line = new StringBuilder("| " + feature + " |");
      for (LabelledSet set : inDomain) {
        double[] x = column(set, feature);
        double[] z = column(set, "source_length");
        line.append(
            " %+.3f | %+.3f |"
                .formatted(
                    RankCorrelation.spearman(x, set.chrf()),
                    NullRatePartialCorrelation.of(x, set.chrf(), z)));
      }
      out.println(line);
    }
  }

  private static double[] column(LabelledSet set, String feature) {
    return set.features().stream().mapToDouble((QualityFeatures f) -> f.get(feature)).toArray();
  }
}
