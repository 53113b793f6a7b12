package io.github.rela.cli;

import ai.djl.ndarray.NDManager;
import io.github.rela.evaluation.calibration.CalibrationSets;
import io.github.rela.evaluation.calibration.CrossValidation;
import io.github.rela.evaluation.calibration.ForwardSelection;
import io.github.rela.evaluation.calibration.LabelledSet;
import io.github.rela.evaluation.calibration.QualityCalibration;
import io.github.rela.evaluation.calibration.RandomLines;
import io.github.rela.evaluation.calibration.TriageFigures;
import io.github.rela.evaluation.calibration.fit.QualityFit;
import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.model.checkpoint.Manifest;
import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.quality.QualityFeatureExtractor;
import io.github.rela.model.quality.QualityModelFile;
import io.github.rela.model.translate.Translator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rela calibrate}: fits the quality estimator of a checkpoint and writes quality.json. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Fits the checkpoint's quality estimator on Multi30k val (label: sentence chrF2) plus"
          + " wrong-language and random inputs from the train split, writes quality.json into the"
          + " checkpoint and its manifest, and prints the figures on val, test_2016_flickr,"
          + " test_2017_flickr (never fitted on) and wrong-language test inputs; optionally the"
          + " ablation table and the null-rate analysis."
    })
public final class CalibrateCommand implements Callable<Integer> {
  private static final String SOURCE = "de";
  private static final String TARGET = "en";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOption model;

  @Mixin BeamOption beam;

  @Mixin ShortlistOption shortlist;

  @Mixin BatchOption batch;

  @Option(
      names = "--synthetic",
      defaultValue = "300",
      description =
          "Data: train sentences per wrong language (en, fr, cs fed as de) added to the fit,"
              + " plus half as many random lines.")
  int synthetic;

  @Option(
      names = "--synthetic-weight",
      defaultValue = "0.1",
      description =
          "Fit: weight of a synthetic example relative to a val sentence (small: they only need"
              + " to pull out-of-domain input below the threshold, not reshape the in-domain fit).")
  double syntheticWeight;

  @Option(
      names = "--ridge",
      defaultValue = "10",
      description = "Fit: L2 penalty of the chrF regression.")
  double ridge;

  @Option(
      names = "--logistic",
      defaultValue = "1",
      description = "Fit: L2 penalty of the logistic regression.")
  double logistic;

  @Option(names = "--features", split = ",", description = "Fit: features to use; default: all.")
  List<String> features;

  @Option(
      names = "--select",
      description =
          "Fit: choose the features by greedy forward selection on 5-fold cross-validation over"
              + " val repeated 3 times (Spearman + AUROC), from lp_mean and from lp_mean_log,"
              + " keeping the better path, instead of --features.")
  boolean select;

  @Option(names = "--ablation", description = "Report: print the ablation table.")
  boolean ablation;

  @Option(
      names = "--null-analysis",
      description = "Report: print the per-layer/head null-rate partial correlations.")
  boolean nullAnalysis;

  @Option(names = "--dry-run", description = "Do not write quality.json.")
  boolean dryRun;

  @Option(
      names = "--features-cache",
      paramLabel = "FILE",
      description =
          "Data: read the translated sets' features and labels from FILE when it exists, else"
              + " translate and write them there (refits without decoding again).")
  Path cache;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path checkpoint = model.checkpoint();
    requireLexicalTableIfNamed(checkpoint);
    CalibrationSets sets =
        cache != null && Files.isRegularFile(cache)
            ? CalibrationSets.read(cache)
            : translate(checkpoint, out);
    if (cache != null && !Files.isRegularFile(cache)) {
      sets.write(cache);
    }
    QualityFit fit = new QualityFit(ridge, logistic, 0.1, 0.1);
    QualityCalibration calibration = new QualityCalibration(sets, fit, syntheticWeight);
    CrossValidation validation = new CrossValidation(sets, fit, syntheticWeight, 5, 3, 1);
    List<String> chosen = chosen(calibration, validation, out);
    QualityModelFile fitted = calibration.fit(chosen);
    out.printf("Features (%d): %s%n", chosen.size(), String.join(", ", chosen));
    TriageFigures cv = validation.figures(chosen);
    out.printf("val 5-fold CV x3: AUROC %.3f, Spearman %.3f%n", cv.auroc(), cv.spearman());
    out.printf(
        "Threshold (estimated chrF): %.2f; bad = chrF <= %.2f%n",
        fitted.threshold(), fitted.badChrf());
    calibration.printFigures(fitted, out);
    if (ablation) {
      calibration.printAblation(out);
    }
    if (nullAnalysis) {
      calibration.printNullRateAnalysis(out);
    }
    if (!dryRun) {
      write(checkpoint, fitted, out);
    }
    out.flush();
    return 0;
  }

  /**
   * Fails before any decoding when --features names a lexical feature the checkpoint cannot give.
   */
  private void requireLexicalTableIfNamed(Path checkpoint) {
    if (features == null || Files.isRegularFile(checkpoint.resolve(LexicalTable.FILE))) {
      return;
    }
    List<String> lexical = QualityFeatureExtractor.lexical(features);
    if (!lexical.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          String.join(", ", lexical)
              + " needs the checkpoint's "
              + LexicalTable.FILE
              + ", which "
              + checkpoint
              + " does not have: run rela lexicon --model "
              + checkpoint
              + " first");
    }
  }

  private List<String> chosen(
      QualityCalibration calibration, CrossValidation validation, PrintWriter out) {
    if (select) {
      return new ForwardSelection(validation)
          .select(List.of("lp_mean", "lp_mean_log"), calibration.allFeatures(), out);
    }
    return features != null ? features : calibration.allFeatures();
  }

  private CalibrationSets translate(Path checkpoint, PrintWriter out) throws IOException {
    try (NDManager manager = NDManager.newBaseManager();
        Translator translator =
            Translators.openUncalibrated(checkpoint, manager, beam, shortlist, batch)) {
      return translateAll(translator, DataPaths.dataDir(), out);
    }
  }

  private CalibrationSets translateAll(Translator translator, Path data, PrintWriter out) {
    LabelledSet val = split(translator, data, Multi30k.VALIDATION, SOURCE, out);
    List<LabelledSet> tests =
        List.of(
            split(translator, data, Multi30k.TEST_2016, SOURCE, out),
            split(translator, data, Multi30k.TEST_2017, SOURCE, out));
    List<LabelledSet> wrong =
        List.of(
            split(translator, data, Multi30k.TEST_2016, "en", out),
            split(translator, data, Multi30k.TEST_2016, "fr", out),
            random(translator, "random letters and digits", 200, 2016, out));
    return new CalibrationSets(val, syntheticSets(translator, data, out), tests, wrong);
  }

  /**
   * Train sentences in en, fr and cs fed as German (disjoint line ranges), labelled by the chrF of
   * their translation against the English side, and random lines labelled against themselves.
   */
  private List<LabelledSet> syntheticSets(Translator translator, Path data, PrintWriter out) {
    List<String> english = LabelledSet.lines(Multi30k.TRAIN.file(data, TARGET), 3 * synthetic);
    List<LabelledSet> sets = new ArrayList<>();
    String[] languages = {"en", "fr", "cs"};
    for (int k = 0; k < languages.length; k++) {
      List<String> all = LabelledSet.lines(Multi30k.TRAIN.file(data, languages[k]), 3 * synthetic);
      List<String> sources = all.subList(k * synthetic, (k + 1) * synthetic);
      List<String> references = english.subList(k * synthetic, (k + 1) * synthetic);
      sets.add(timed(translator, "train." + languages[k] + " as de", sources, references, out));
    }
    sets.add(random(translator, "train random lines", synthetic / 2, 7, out));
    return sets;
  }

  private LabelledSet split(
      Translator translator, Path data, Multi30k split, String language, PrintWriter out) {
    List<String> sources = LabelledSet.lines(split.file(data, language), -1);
    List<String> references = LabelledSet.lines(split.file(data, TARGET), -1);
    String name = language.equals(SOURCE) ? split.stem() : split.stem() + "." + language + " as de";
    return timed(translator, name, sources, references, out);
  }

  private LabelledSet random(
      Translator translator, String name, int count, long seed, PrintWriter out) {
    List<String> lines = RandomLines.generate(count, seed);
    return timed(translator, name, lines, lines, out);
  }

  private static LabelledSet timed(
      Translator translator,
      String name,
      List<String> sources,
      List<String> references,
      PrintWriter out) {
    long start = System.nanoTime();
    LabelledSet set = LabelledSet.translate(name, translator, sources, references);
    out.printf(
        "translated %-34s %5d sentences in %5.1f s%n",
        name, set.size(), (System.nanoTime() - start) / 1e9);
    out.flush();
    return set;
  }

  /** Writes quality.json and re-hashes the manifest with it listed. */
  private static void write(Path checkpoint, QualityModelFile fitted, PrintWriter out)
      throws IOException {
    Manifest.writeListed(checkpoint, QualityModelFile.FILE, fitted::write);
    out.printf("wrote %s and %s%n", checkpoint.resolve(QualityModelFile.FILE), Manifest.FILE);
  }
}
