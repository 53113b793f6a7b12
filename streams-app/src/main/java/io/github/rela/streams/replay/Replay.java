package io.github.rela.streams.replay;

import io.github.rela.evaluation.calibration.TriageFigures;
import io.github.rela.evaluation.report.EvaluationReport;
import io.github.rela.evaluation.report.Evaluator;
import io.github.rela.evaluation.report.NullRateFlag;
import io.github.rela.evaluation.report.Percentiles;
import io.github.rela.evaluation.report.SentenceResult;
import io.github.rela.model.translate.Translator;
import io.github.rela.schemas.avro.TranslationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates replayed requests and scores them against the references they carry: corpus BLEU and
 * chrF, the null-rate distribution, its Spearman correlation with sentence chrF, and how well the
 * low-confidence flag finds the worst 10% of translations.
 */
public final class Replay {

  private Replay() {}

  /** Runs the replay of {@code records} (those without a reference are counted and skipped). */
  public static ReplayResult run(
      List<ReplayReader.Replayed> records,
      Translator translator,
      String topic,
      String range,
      String model,
      double threshold) {
    List<ReplayReader.Replayed> scored = withReference(records);
    long start = System.nanoTime();
    List<ReplayedTranslation> translations =
        translator.translate(scored.stream().map(r -> r.request().getText()).toList()).stream()
            .map(ReplayedTranslation::of)
            .toList();
    double seconds = (System.nanoTime() - start) / 1e9;
    return score(records, scored, translations, seconds, topic, range, model, threshold);
  }

  /**
   * Scores results the streaming app already produced instead of translating; requests without a
   * reference or without a result are counted as skipped.
   */
  public static ReplayResult fromResults(
      List<ReplayReader.Replayed> records,
      Map<String, TranslationResult> results,
      String topic,
      String range,
      String model,
      double threshold) {
    List<ReplayReader.Replayed> scored =
        withReference(records).stream()
            .filter(r -> results.containsKey(r.request().getId()))
            .toList();
    List<ReplayedTranslation> translations =
        scored.stream().map(r -> ReplayedTranslation.of(results.get(r.request().getId()))).toList();
    return score(records, scored, translations, 0, topic, range, model, threshold);
  }

  private static List<ReplayReader.Replayed> withReference(List<ReplayReader.Replayed> records) {
    return records.stream().filter(r -> r.request().getReference() != null).toList();
  }

  private static ReplayResult score(
      List<ReplayReader.Replayed> records,
      List<ReplayReader.Replayed> scored,
      List<ReplayedTranslation> translations,
      double seconds,
      String topic,
      String range,
      String model,
      double threshold) {
    List<String> references = scored.stream().map(r -> r.request().getReference()).toList();
    EvaluationReport evaluation = new Evaluator().score(translations, references, seconds);
    List<ReplayReport.Sentence> details = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      SentenceResult s = evaluation.details().get(i);
      ReplayReader.Replayed r = scored.get(i);
      details.add(
          new ReplayReport.Sentence(
              r.request().getId(),
              r.partition(),
              r.offset(),
              s.translation(),
              s.chrf(),
              s.nullRate(),
              translations.get(i).estimate() == null
                  ? null
                  : translations.get(i).estimate().quality()));
    }
    double[] nullRates = details.stream().mapToDouble(ReplayReport.Sentence::nullRate).toArray();
    double[] chrfs = details.stream().mapToDouble(ReplayReport.Sentence::chrf).toArray();
    NullRateFlag flag = NullRateFlag.of(nullRates, chrfs, threshold);
    ReplayReport report =
        new ReplayReport(
            topic,
            range,
            model,
            details.size(),
            records.size() - scored.size(),
            evaluation.bleu(),
            evaluation.bleuDetail(),
            evaluation.chrf(),
            evaluation.meanNullRate(),
            new double[] {
              Percentiles.nearestRank(nullRates, 50),
              Percentiles.nearestRank(nullRates, 90),
              Percentiles.nearestRank(nullRates, 99)
            },
            evaluation.nullRateChrfSpearman(),
            threshold,
            flag.flagged(),
            flag.precision(),
            flag.recall(),
            qualityTriage(translations, chrfs),
            details,
            new ReplayReport.Speed(
                evaluation.sentencesPerSecond(), evaluation.targetTokensPerSecond()));
    return new ReplayResult(report, translations);
  }

  /** The estimate's figures, when every translation carries one; else null. */
  private static ReplayReport.QualityTriage qualityTriage(
      List<ReplayedTranslation> translations, double[] chrfs) {
    if (translations.isEmpty() || translations.stream().anyMatch(t -> t.estimate() == null)) {
      return null;
    }
    double[] estimates = translations.stream().mapToDouble(t -> t.estimate().quality()).toArray();
    boolean[] flags = new boolean[estimates.length];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = translations.get(i).estimate().lowConfidence();
    }
    double threshold = translations.get(0).estimate().threshold();
    TriageFigures figures = TriageFigures.of(estimates, chrfs, threshold);
    NullRateFlag flag = NullRateFlag.ofFlags(flags, chrfs, threshold);
    return new ReplayReport.QualityTriage(
        figures.spearman(),
        figures.auroc(),
        threshold,
        flag.flagged(),
        flag.precision(),
        flag.recall());
  }

  /** The report and the translations behind it (for the attention pictures). */
  public record ReplayResult(ReplayReport report, List<ReplayedTranslation> translations) {}
}
