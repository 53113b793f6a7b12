package io.github.rela.training.compare;

import io.github.rela.evaluation.report.EvaluationReport;
import io.github.rela.evaluation.report.NullRateFlag;
import io.github.rela.evaluation.report.SentenceResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The null rate as a quality signal for one model: a low-confidence threshold calibrated on
 * validation data (flag the {@link #FLAG_SHARE} with the highest null rate), then judged on each
 * test set.
 *
 * @param threshold the calibrated threshold (flag at or above it)
 * @param validFlaggedShare the share of validation sentences it flags (above {@link #FLAG_SHARE}
 *     when sentences tie at the threshold)
 * @param tests the signal per test set, in order
 */
public record NullRateSignal(
    double threshold, double validFlaggedShare, Map<String, SetSignal> tests) {

  public static final double FLAG_SHARE = 0.10;

  /** Calibrates on {@code valid} and judges on each of {@code tests}. */
  public static NullRateSignal of(EvaluationReport valid, Map<String, EvaluationReport> tests) {
    double[] validRates = nullRates(valid);
    double threshold = NullRateFlag.calibrate(validRates, FLAG_SHARE);
    NullRateFlag onValid = NullRateFlag.of(validRates, chrfs(valid), threshold);
    Map<String, SetSignal> signals = new LinkedHashMap<>();
    tests.forEach(
        (name, report) ->
            signals.put(
                name,
                new SetSignal(
                    report.nullRateChrfSpearman(),
                    NullRateFlag.of(nullRates(report), chrfs(report), threshold))));
    return new NullRateSignal(threshold, onValid.flagged() / (double) onValid.sentences(), signals);
  }

  static double[] nullRates(EvaluationReport report) {
    return report.details().stream().mapToDouble(SentenceResult::nullRate).toArray();
  }

  static double[] chrfs(EvaluationReport report) {
    return report.details().stream().mapToDouble(SentenceResult::chrf).toArray();
  }
}
