package io.github.rela.evaluation.report;

import io.github.rela.evaluation.scoring.Bleu;
import io.github.rela.evaluation.scoring.BleuScore;
import io.github.rela.evaluation.scoring.Chrf;
import io.github.rela.evaluation.scoring.RankCorrelation;
import io.github.rela.model.translate.Scorable;
import io.github.rela.model.translate.Translation;
import io.github.rela.model.translate.Translator;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a test set and scores it: corpus BLEU and chrF exactly as sacreBLEU computes them,
 * sentence chrF, null rate and sparsity per sentence, and their correlation.
 */
public final class Evaluator {

  private final Bleu bleu = Bleu.withDefaults();
  private final Chrf chrf = Chrf.withDefaults();

  /** Translates {@code sources} with {@code translator} and scores against {@code references}. */
  public EvaluationReport evaluate(
      Translator translator, List<String> sources, List<String> references) {
    if (sources.size() != references.size()) {
      throw new IllegalArgumentException(
          sources.size() + " sources but " + references.size() + " references");
    }
    long start = System.nanoTime();
    List<Translation> translations = translator.translate(sources);
    double seconds = (System.nanoTime() - start) / 1e9;
    return score(translations, references, seconds);
  }

  /** Scores translations made elsewhere (e.g. results read back from a topic). */
  public EvaluationReport score(
      List<? extends Scorable> translations, List<String> references, double seconds) {
    List<String> hypotheses = translations.stream().map(Scorable::translation).toList();
    BleuScore corpusBleu = bleu.corpusScore(hypotheses, List.of(references));
    double corpusChrf = chrf.corpusScore(hypotheses, List.of(references)).score();
    List<SentenceResult> details = new ArrayList<>(translations.size());
    long targetTokens = 0;
    for (int i = 0; i < translations.size(); i++) {
      Scorable t = translations.get(i);
      double sentenceChrf = chrf.sentenceScore(t.translation(), List.of(references.get(i))).score();
      details.add(
          new SentenceResult(
              i,
              t.source(),
              references.get(i),
              t.translation(),
              sentenceChrf,
              t.nullRate(),
              t.sparsity(),
              t.score()));
      targetTokens += t.targetTokens().size();
    }
    double[] nullRates = details.stream().mapToDouble(SentenceResult::nullRate).toArray();
    double[] chrfs = details.stream().mapToDouble(SentenceResult::chrf).toArray();
    return new EvaluationReport(
        details.size(),
        corpusBleu.score(),
        corpusBleu.format(2),
        corpusChrf,
        mean(nullRates),
        mean(details.stream().mapToDouble(SentenceResult::sparsity).toArray()),
        details.size() > 2 ? RankCorrelation.spearman(nullRates, chrfs) : Double.NaN,
        seconds > 0 ? details.size() / seconds : Double.NaN,
        seconds > 0 ? targetTokens / seconds : Double.NaN,
        seconds,
        details);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? Double.NaN : sum / values.length;
  }
}
