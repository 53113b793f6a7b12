package io.github.rela.training.compare;

import ai.djl.ndarray.NDManager;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.evaluation.corpus.ParallelCorpusReader;
import io.github.rela.evaluation.corpus.SentencePair;
import io.github.rela.evaluation.report.EvaluationReport;
import io.github.rela.evaluation.report.Evaluator;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translation;
import io.github.rela.model.translate.Translator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Evaluates several checkpoints of one language pair on the same data in one run: Multi30k's
 * validation set (to calibrate the null-rate threshold) and its two Flickr test sets. All models
 * are loaded together and each split is translated by every model in turn, so that the speed ratios
 * come from the same conditions.
 */
public final class ModelComparison {

  /** The test sets of the comparison, in table order. */
  public static final List<Multi30k> TESTS = List.of(Multi30k.TEST_2016, Multi30k.TEST_2017);

  private final Path dataDir;
  private final DecodingOptions decoding;
  private final int batchSize;
  private final Consumer<String> progress;

  public ModelComparison(
      Path dataDir, DecodingOptions decoding, int batchSize, Consumer<String> progress) {
    this.dataDir = dataDir;
    this.decoding = decoding;
    this.batchSize = batchSize;
    this.progress = progress;
  }

  /** The results and the translations of {@code pictured} test sentences, per model. */
  public record Outcome(List<ModelResult> results, List<List<Translation>> pictured) {}

  /**
   * Runs the comparison.
   *
   * @param pictured indices into the first test set whose attention is kept for pictures
   */
  public Outcome run(List<ComparedModel> models, List<Integer> pictured) throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Translator> translators = new ArrayList<>();
      List<Checkpoint> checkpoints = new ArrayList<>();
      try {
        for (ComparedModel model : models) {
          Checkpoint checkpoint = CheckpointReader.read(model.checkpoint(), manager);
          checkpoints.add(checkpoint);
          translators.add(
              Translator.open(checkpoint, manager, decoding, batchSize, AttentionView.LAST_LAYER));
        }
        return compare(models, checkpoints, translators, pictured);
      } finally {
        for (Translator translator : translators) {
          translator.close();
        }
      }
    }
  }

  private Outcome compare(
      List<ComparedModel> models,
      List<Checkpoint> checkpoints,
      List<Translator> translators,
      List<Integer> pictured)
      throws IOException {
    String source = checkpoints.get(0).config().sourceLanguage();
    String target = checkpoints.get(0).config().targetLanguage();
    List<Map<String, EvaluationReport>> reports = new ArrayList<>();
    models.forEach(m -> reports.add(new LinkedHashMap<>()));
    List<Multi30k> splits = new ArrayList<>(List.of(Multi30k.VALIDATION));
    splits.addAll(TESTS);
    for (Multi30k split : splits) {
      List<SentencePair> pairs = read(split, source, target);
      for (int m = 0; m < models.size(); m++) {
        progress.accept("translating " + split.stem() + " with " + models.get(m).name());
        reports.get(m).put(split.stem(), evaluate(translators.get(m), pairs));
      }
    }
    List<SentencePair> firstTest = read(TESTS.get(0), source, target);
    List<String> chosen = pictured.stream().map(i -> firstTest.get(i).source()).toList();
    List<List<Translation>> pictures = new ArrayList<>();
    List<ModelResult> results = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      pictures.add(translators.get(m).translate(chosen));
      results.add(result(models.get(m), checkpoints.get(m), reports.get(m)));
    }
    return new Outcome(results, pictures);
  }

  private static EvaluationReport evaluate(Translator translator, List<SentencePair> pairs) {
    return new Evaluator()
        .evaluate(
            translator,
            pairs.stream().map(SentencePair::source).toList(),
            pairs.stream().map(SentencePair::target).toList());
  }

  private static ModelResult result(
      ComparedModel model, Checkpoint checkpoint, Map<String, EvaluationReport> sets) {
    int sentences = 0;
    double seconds = 0;
    Map<String, EvaluationReport> tests = new LinkedHashMap<>();
    for (Multi30k test : TESTS) {
      EvaluationReport report = sets.get(test.stem());
      tests.put(test.stem(), report);
      sentences += report.sentences();
      seconds += report.seconds();
    }
    var kind = checkpoint.config().model().crossAttention();
    Optional<NullRateSignal> signal =
        kind.isRela()
            ? Optional.of(NullRateSignal.of(sets.get(Multi30k.VALIDATION.stem()), tests))
            : Optional.empty();
    return new ModelResult(
        model,
        kind,
        TrainingFigures.ofCheckpoint(model.checkpoint()),
        sets,
        sentences / seconds,
        signal);
  }

  private List<SentencePair> read(Multi30k split, String source, String target) throws IOException {
    try (Stream<SentencePair> pairs =
        ParallelCorpusReader.stream(split.file(dataDir, source), split.file(dataDir, target))) {
      return pairs.toList();
    }
  }
}
