package io.github.rela.evaluation.plot;

import java.util.Arrays;

/** One named set of (x, y) points of a chart, drawn as a line or as dots. */
public record Series(String name, double[] x, double[] y, Style style) {

  /** How the points are drawn. */
  public enum Style {
    LINE,
    DOTS
  }

  public Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "': " + x.length + " x values but " + y.length + " y values");
    }
    x = x.clone();
    y = y.clone();
  }

  public static Series line(String name, double[] x, double[] y) {
    return new Series(name, x, y, Style.LINE);
  }

  public static Series dots(String name, double[] x, double[] y) {
    return new Series(name, x, y, Style.DOTS);
  }

  double minX() {
    return Arrays.stream(x).filter(Double::isFinite).min().orElse(0);
  }

  double maxX() {
    return Arrays.stream(x).filter(Double::isFinite).max().orElse(1);
  }

  double minY() {
    return Arrays.stream(y).filter(Double::isFinite).min().orElse(0);
  }

  double maxY() {
    return Arrays.stream(y).filter(Double::isFinite).max().orElse(1);
  }
}
