package io.github.rela.evaluation.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lines of random letters and digits, the garbage input triage must catch: 2 to 8 "words" of 1 to
 * 10 characters drawn uniformly from {@code [A-Za-z0-9]}.
 */
public final class RandomLines {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private RandomLines() {}

  public static List<String> generate(int count, long seed) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int words = 2 + random.nextInt(7);
      StringBuilder line = new StringBuilder();
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          line.append(' ');
        }
        int length = 1 + random.nextInt(10);
        for (int c = 0; c < length; c++) {
          line.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
