package io.github.rela.training.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a training log: a training report (loss, learning rate, speed) or a validation report
 * (loss and BLEU), at an optimizer step. Absent figures are {@code null}.
 *
 * @param kind {@link #TRAIN} or {@link #VALID}
 * @param step optimizer updates done
 * @param loss mean label-smoothed cross-entropy per target token
 * @param learningRate learning rate of the last update (training reports)
 * @param tokensPerSecond target tokens per second since the previous report (training reports)
 * @param bleu sacreBLEU-compatible corpus BLEU on the validation set (validation reports)
 * @param elapsedSeconds wall-clock seconds of training so far, across resumes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEntry(
    String kind,
    long step,
    double loss,
    @JsonProperty("lr") Double learningRate,
    @JsonProperty("tokens_per_s") Double tokensPerSecond,
    Double bleu,
    @JsonProperty("elapsed_s") double elapsedSeconds) {

  public static final String TRAIN = "train";
  public static final String VALID = "valid";

  public static LogEntry train(
      long step, double loss, double learningRate, double tokensPerSecond, double elapsed) {
    return new LogEntry(TRAIN, step, loss, learningRate, tokensPerSecond, null, elapsed);
  }

  public static LogEntry valid(long step, double loss, Double bleu, double elapsed) {
    return new LogEntry(VALID, step, loss, null, null, bleu, elapsed);
  }
}
