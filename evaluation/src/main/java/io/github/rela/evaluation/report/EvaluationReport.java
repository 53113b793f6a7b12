package io.github.rela.evaluation.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** The corpus-level figures under their JSON names, without the sentences. */
  public Map<String, Object> figures() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("sentences", sentences);
    figures.put("bleu", bleu);
    figures.put("bleu_detail", bleuDetail);
    figures.put("chrf", chrf);
    figures.put("null_rate", meanNullRate);
    figures.put("sparsity", meanSparsity);
    figures.put("null_rate_chrf_spearman", nullRateChrfSpearman);
    figures.put("sentences_per_second", sentencesPerSecond);
    figures.put("target_tokens_per_second", targetTokensPerSecond);
    return figures;
  }
}
