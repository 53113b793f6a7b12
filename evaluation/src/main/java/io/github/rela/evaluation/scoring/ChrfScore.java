package io.github.rela.evaluation.scoring;

import java.util.Locale;

/**
 * A chrF score on the 0-100 scale.
 *
 * @param name the metric as sacreBLEU names it, e.g. {@code chrF2}
 * @param score the score, 0-100
 */
public record ChrfScore(String name, double score) {

  /** One line as sacreBLEU prints it, e.g. {@code chrF2 = 58.33}. */
  public String format(int decimals) {
    return String.format(Locale.ROOT, "%s = %." + decimals + "f", name, score);
  }

  @Override
  public String toString() {
    return format(2);
  }
}
