package io.github.rela.streams.replay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportComparisonTest {

  @TempDir Path dir;

  private Path report(String name, double bleu, double chrf1, double chrf2, double chrf3)
      throws Exception {
    Path file = dir.resolve(name + ".json");
    Files.writeString(
        file,
        """
        {"bleu": %s, "chrf": 50.0, "null_rate_mean": 0.2,
         "details": [
           {"id": "s-1", "chrf": %s, "translation": "a dog"},
           {"id": "s-2", "chrf": %s, "translation": "a cat"},
           {"id": "s-3", "chrf": %s, "translation": "a man"}]}
        """
            .formatted(bleu, chrf1, chrf2, chrf3));
    return file;
  }

  @Test
  void shouldShowFigureDeltasAndTheSentencesThatChangedMost() throws Exception {
    // Given two reports where s-3 improved most and s-1 got a little worse
    Path a = report("a", 30.0, 60, 50, 20);
    Path b = report("b", 32.5, 55, 50, 70);

    // When they are compared, showing two sentences
    String md = ReportComparison.compare(a, b, 2);

    // Then the BLEU delta is shown and s-3 comes before s-1; s-2 (unchanged) is left out
    assertTrue(md.contains("| bleu | 30.0000 | 32.5000 | +2.5000 |"), md);
    assertTrue(md.contains("3 sentences in both reports"), md);
    int s3 = md.indexOf("| s-3 | 20.0 | 70.0 |");
    int s1 = md.indexOf("| s-1 | 60.0 | 55.0 |");
    assertTrue(s3 > 0 && s1 > s3, md);
    assertTrue(!md.contains("| s-2 |"), md);
  }
}
