package io.github.rela.evaluation.calibration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.evaluation.corpus.Multi30k;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.model.quality.QualityModelFile;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translation;
import io.github.rela.model.translate.Translator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped model's quality triage on inputs it must catch (issue 15): wrong-language sources
 * from test_2016_flickr (never fitted on) and random lines, and a good German sentence it must let
 * through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityTriageIntegrationTest {
  private static final int SENTENCES = 150;

  private NDManager manager;
  private Translator translator;
  private Path data;

  @BeforeAll
  void openShippedModel() throws Exception {
    Path checkpoint =
        DataPaths.repositoryRoot(Path.of("").toAbsolutePath()).resolve("models/de-en");
    data = DataPaths.dataDir();
    assumeTrue(
        Files.isRegularFile(Multi30k.TEST_2016.file(data, "en")),
        "Multi30k not found in " + data + "; set " + DataPaths.ENV + " to run this test");
    assertTrue(Files.isRegularFile(checkpoint.resolve(QualityModelFile.FILE)));
    manager = NDManager.newBaseManager();
    translator =
        Translator.open(
            checkpoint, manager, DecodingOptions.defaults(), 32, AttentionView.LAST_LAYER);
  }

  @AfterAll
  void close() {
    if (translator != null) {
      translator.close();
      manager.close();
    }
  }

  @Test
  void shouldFlagEnglishFedAsGerman() {
    List<String> english = LabelledSet.lines(Multi30k.TEST_2016.file(data, "en"), SENTENCES);
    assertTrue(flaggedShare(english) >= 0.90);
  }

  @Test
  void shouldFlagFrenchFedAsGerman() {
    List<String> french = LabelledSet.lines(Multi30k.TEST_2016.file(data, "fr"), SENTENCES);
    assertTrue(flaggedShare(french) >= 0.90);
  }

  @Test
  void shouldFlagRandomLettersAndDigits() {
    assertTrue(flaggedShare(RandomLines.generate(200, 2016)) >= 0.95);
  }

  @Test
  void shouldLetAGoodGermanSentenceThrough() {
    QualityEstimate estimate =
        translator.translate("Ein Hund rennt über eine Wiese.").quality().estimate();
    assertFalse(estimate.lowConfidence(), () -> "estimate " + estimate);
  }

  private double flaggedShare(List<String> sources) {
    List<Translation> results = translator.translate(sources);
    long flagged = results.stream().filter(r -> r.quality().estimate().lowConfidence()).count();
    double share = flagged / (double) results.size();
    System.out.printf("flagged %.1f%% of %d%n", 100 * share, results.size());
    return share;
  }
}
