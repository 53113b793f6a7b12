package io.github.rela.training.eval;

import java.util.List;

/**
 * The figures of one evaluation run: corpus scores (sacreBLEU-compatible), attention statistics,
 * how well the null rate predicts quality, and speed; plus every sentence for deeper reports.
 *
 * @param bleu corpus BLEU (13a, cased, exp smoothing)
 * @param bleuDetail the BLEU line as sacreBLEU prints it
 * @param chrf corpus chrF2
 * @param meanNullRate mean over sentences of the null rate
 * @param meanSparsity mean over sentences of the sparsity
 * @param nullRateChrfSpearman Spearman correlation between sentence null rate and sentence chrF
 *     (negative when a higher null rate goes with worse translations)
 * @param sentencesPerSecond translation speed, decoding only
 * @param targetTokensPerSecond target subwords produced per second
 */
public record EvaluationReport(
    int sentences,
    double bleu,
    String bleuDetail,
    double chrf,
    double meanNullRate,
    double meanSparsity,
    double nullRateChrfSpearman,
    double sentencesPerSecond,
    double targetTokensPerSecond,
    double seconds,
    List<SentenceResult> details) {

  public EvaluationReport {
    details = List.copyOf(details);
  }
}
