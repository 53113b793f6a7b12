package io.github.rela.evaluation.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The whitespace rules of Python's {@code str.split()} and {@code str.rstrip()}, which sacreBLEU
 * relies on. Java's {@link String#split} and {@link Character#isWhitespace} disagree with Python on
 * characters such as U+00A0 (no-break space) and U+0085 (next line), so scores would drift on text
 * that contains them.
 */
final class PythonText {

  private PythonText() {}

  /** True for the code points Python's {@code str.isspace()} accepts. */
  static boolean isWhitespace(int codePoint) {
    return Character.isWhitespace(codePoint)
        || codePoint == 0x85
        || codePoint == 0xA0
        || codePoint == 0x2007
        || codePoint == 0x202F;
  }

  /** Python's {@code s.split()}: runs of whitespace separate tokens, no empty tokens. */
  static List<String> split(String text) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (isWhitespace(cp)) {
        if (start >= 0) {
          tokens.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      tokens.add(text.substring(start));
    }
    return tokens;
  }

  /** Python's {@code s.rstrip()}. */
  static String rstrip(String text) {
    int end = text.length();
    while (end > 0) {
      int cp = text.codePointBefore(end);
      if (!isWhitespace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return text.substring(0, end);
  }

  /** Python's {@code ''.join(s.split())}: the text with every whitespace character removed. */
  static String removeWhitespace(String text) {
    return String.join("", split(text));
  }

  /** Python's {@code s.lower()}, close enough: locale-independent full lower-casing. */
  static String lower(String text) {
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
