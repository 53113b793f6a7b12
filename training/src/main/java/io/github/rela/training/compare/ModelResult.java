package io.github.rela.training.compare;

import io.github.rela.evaluation.report.EvaluationReport;
import io.github.rela.model.config.AttentionKind;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the comparison measured of one model.
 *
 * @param crossAttention the model's cross-attention kind
 * @param training the run's training figures, when its log was found
 * @param sets the evaluation of each data split by name ({@code val} first, then the test sets)
 * @param testSentencesPerSecond decoding speed over all test sets together
 * @param signal the null rate as a quality signal; empty when the model's null rate cannot vary
 *     (softmax never gives an all-zero row)
 */
public record ModelResult(
    ComparedModel model,
    AttentionKind crossAttention,
    Optional<TrainingFigures> training,
    Map<String, EvaluationReport> sets,
    double testSentencesPerSecond,
    Optional<NullRateSignal> signal) {}
