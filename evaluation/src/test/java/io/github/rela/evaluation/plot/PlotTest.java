package io.github.rela.evaluation.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {

  @TempDir Path dir;

  @Test
  void shouldDrawTrainingCurveAsPng() throws Exception {
    // Given a falling loss curve
    double[] steps = {0, 100, 200, 300, 400};
    double[] loss = {9.1, 6.0, 4.2, 3.5, 3.1};
    Path file = dir.resolve("curves/loss.png");

    // When it is drawn
    new Chart("training loss", "step", "loss")
        .add(Series.line("train", steps, loss))
        .add(Series.line("valid", steps, new double[] {9.0, 6.1, 4.5, 3.9, 3.6}))
        .writePng(file, 640, 400);

    // Then a PNG of that size exists and the line's colour is in it
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(640, image.getWidth());
    assertEquals(400, image.getHeight());
    assertTrue(containsColour(image, Canvas.PALETTE[0].getRGB()), "first series colour drawn");
    assertTrue(containsColour(image, Canvas.PALETTE[1].getRGB()), "second series colour drawn");
  }

  @Test
  void shouldCountHistogramBinsIncludingTheEdges() throws Exception {
    Path file = dir.resolve("hist.png");
    Chart.histogram("null rate", "null rate", new double[] {0, 0.1, 0.5, 1.0, 1.0}, 0, 1, 4)
        .writePng(file, 400, 300);

    assertEquals(400, ImageIO.read(file.toFile()).getWidth());
  }

  @Test
  void shouldLeaveZeroWeightsWhiteAndShadeTheLargest() throws Exception {
    // Given attention with one exact zero and one null row
    float[][] weights = {{0f, 1f}, {0f, 0f}};
    Path file = dir.resolve("attention.png");

    // When drawn
    new Heatmap("cross-attention", List.of("Hallo", "Welt"), List.of("world", "</s>"), weights)
        .writePng(file);

    // Then the largest weight has the darkest shade and nothing else is shaded
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(CELL_AREA, countColour(image, 0xff08306b), "exactly one cell drawn darkest");
  }

  @Test
  void shouldPutHeatmapsSideBySide() throws Exception {
    // Given two panels of the same sentence
    float[][] weights = {{0f, 1f}, {0f, 0f}};
    Heatmap left = new Heatmap("a", List.of("Hallo", "Welt"), List.of("world", "</s>"), weights);
    Heatmap right = new Heatmap("b", List.of("Hallo", "Welt"), List.of("world", "</s>"), weights);
    left.writePng(dir.resolve("left.png"));

    // When written side by side
    Path file = dir.resolve("both.png");
    Heatmap.writeSideBySide(file, List.of(left, right));

    // Then the picture is as wide as both and holds both darkest cells
    BufferedImage one = ImageIO.read(dir.resolve("left.png").toFile());
    BufferedImage both = ImageIO.read(file.toFile());
    assertEquals(2 * one.getWidth(), both.getWidth());
    assertEquals(one.getHeight(), both.getHeight());
    assertEquals(2 * CELL_AREA, countColour(both, 0xff08306b));
  }

  @Test
  void shouldRefuseWeightsThatDoNotMatchTheTokens() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Heatmap("x", List.of("a"), List.of("b"), new float[][] {{0.5f, 0.5f}}));
  }

  @Test
  void shouldChooseRoundTicks() {
    assertEquals(
        List.of("0", "0.200", "0.400", "0.600", "0.800", "1"),
        Ticks.between(0, 1, 5).stream().map(Ticks::label).toList());
    assertEquals("12k", Ticks.label(12_000));
    assertEquals("0.250", Ticks.label(0.25));
  }

  /** Inside of one heatmap cell: 22 px minus the one-pixel grid line. */
  private static final int CELL_AREA = 21 * 21;

  private static int countColour(BufferedImage image, int argb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) == argb) {
          count++;
        }
      }
    }
    return count;
  }

  private static boolean containsColour(BufferedImage image, int argb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) | 0xff000000) == (argb | 0xff000000)) {
          return true;
        }
      }
    }
    return false;
  }
}
