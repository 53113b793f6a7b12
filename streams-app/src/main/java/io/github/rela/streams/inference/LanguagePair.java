package io.github.rela.streams.inference;

import java.util.Locale;
import java.util.regex.Pattern;

/** A source and a target language, ISO 639-1 codes, written {@code de-en}. */
public record LanguagePair(String source, String target) {

  private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

  public LanguagePair {
    source = source.toLowerCase(Locale.ROOT);
    target = target.toLowerCase(Locale.ROOT);
    if (!CODE.matcher(source).matches() || !CODE.matcher(target).matches()) {
      throw new IllegalArgumentException(
          "language codes must be 2 or 3 letters, got '" + source + "' and '" + target + "'");
    }
  }

  /** Parses {@code de-en}. */
  public static LanguagePair parse(String pair) {
    String[] parts = pair.strip().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("a language pair is written 'de-en', got '" + pair + "'");
    }
    return new LanguagePair(parts[0], parts[1]);
  }

  @Override
  public String toString() {
    return source + "-" + target;
  }
}
