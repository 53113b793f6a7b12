package io.github.rela.streams.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a replay found, as written to {@code report.json}; everything but {@code speed} depends only
 * on the records and the model, so two replays of the same range give equal reports.
 *
 * @param flagPrecision share of flagged translations (null rate at or above the threshold) that are
 *     among the worst 10% by sentence chrF
 * @param flagRecall share of the worst 10% that are flagged
 * @param quality the quality estimate's figures; null when the translations carry no estimate
 */
public record ReplayReport(
    String topic,
    String range,
    String model,
    int sentences,
    @JsonProperty("skipped_without_reference") int skipped,
    double bleu,
    @JsonProperty("bleu_detail") String bleuDetail,
    double chrf,
    @JsonProperty("null_rate_mean") double nullRateMean,
    @JsonProperty("null_rate_percentiles") double[] nullRatePercentiles,
    @JsonProperty("null_rate_chrf_spearman") double spearman,
    @JsonProperty("low_confidence_threshold") double threshold,
    @JsonProperty("flagged") int flagged,
    @JsonProperty("flag_precision_worst10") double flagPrecision,
    @JsonProperty("flag_recall_worst10") double flagRecall,
    QualityTriage quality,
    List<Sentence> details,
    Speed speed) {

  /** One replayed sentence. */
  public record Sentence(
      String id,
      int partition,
      long offset,
      String translation,
      double chrf,
      @JsonProperty("null_rate") double nullRate,
      Double quality) {}

  /**
   * The quality estimate as a triage signal, when every replayed translation carries one.
   *
   * @param threshold the estimate below which the model flags a translation (NaN when the results
   *     were read back: the app's flag is used as it was set)
   * @param flagged translations flagged low-confidence
   */
  public record QualityTriage(
      @JsonProperty("estimate_chrf_spearman") double spearman,
      @JsonProperty("auroc_worst10") double auroc,
      double threshold,
      int flagged,
      @JsonProperty("flag_precision_worst10") double flagPrecision,
      @JsonProperty("flag_recall_worst10") double flagRecall) {}

  /** Throughput of this replay (not part of the comparison between runs). */
  public record Speed(
      @JsonProperty("sentences_per_second") double sentencesPerSecond,
      @JsonProperty("target_tokens_per_second") double targetTokensPerSecond) {}

  /** The report without its timings, for comparing two replays. */
  public ReplayReport withoutSpeed() {
    return new ReplayReport(
        topic,
        range,
        model,
        sentences,
        skipped,
        bleu,
        bleuDetail,
        chrf,
        nullRateMean,
        nullRatePercentiles,
        spearman,
        threshold,
        flagged,
        flagPrecision,
        flagRecall,
        quality,
        details,
        null);
  }
}
