package io.github.rela.evaluation.plot;

import java.util.ArrayList;
import java.util.List;

/** "Nice" axis ticks (1, 2 or 5 times a power of ten), as chart libraries choose them. */
final class Ticks {

  private Ticks() {}

  /** About {@code target} round values covering [min, max]. */
  static List<Double> between(double min, double max, int target) {
    double span = max - min;
    if (!(span > 0)) {
      return List.of(min);
    }
    double raw = span / Math.max(1, target);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double factor : new double[] {1, 2, 5, 10}) {
      if (factor * magnitude >= raw) {
        step = factor * magnitude;
        break;
      }
    }
    List<Double> ticks = new ArrayList<>();
    for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
      ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return ticks;
  }

  /** A short label: integers without decimals, large numbers with k, others with 3 digits. */
  static String label(double value) {
    if (Math.abs(value) >= 10_000 && value == Math.rint(value)) {
      return (value % 1000 == 0)
          ? String.format("%.0fk", value / 1000)
          : String.format("%.1fk", value / 1000);
    }
    if (value == Math.rint(value)) {
      return String.format("%.0f", value);
    }
    return String.format("%.3g", value);
  }
}
