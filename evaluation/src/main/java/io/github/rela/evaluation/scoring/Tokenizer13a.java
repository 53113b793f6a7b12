package io.github.rela.evaluation.scoring;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code 13a} tokenizer of mteval-v13a.pl, as sacreBLEU applies it before BLEU: unescape a few
 * SGML entities, split off punctuation and symbols, split periods and commas unless they sit
 * between digits, and split a dash that follows a digit. BLEU figures are only comparable across
 * papers when every system is tokenized this same way.
 */
public final class Tokenizer13a {

  /** Symbols and punctuation (ASCII ranges as in mteval: {-~ [-` space-& (-+ :-@ /). */
  private static final Pattern SYMBOL = Pattern.compile("([{-~\\[-` -&(-+:-@/])");

  private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
  private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

  private Tokenizer13a() {}

  /** Tokenizes one segment and returns the tokens joined by single spaces. */
  public static String tokenize(String line) {
    String text =
        line.replace("<skipped>", "")
            .replace("-\n", "")
            .replace("\n", " ")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
    text = " " + text + " ";
    text = SYMBOL.matcher(text).replaceAll(" $1 ");
    text = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(text).replaceAll("$1 $2 ");
    text = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(text).replaceAll(" $1 $2");
    text = DASH_AFTER_DIGIT.matcher(text).replaceAll("$1 $2 ");
    return String.join(" ", PythonText.split(text));
  }

  /** The tokens of {@link #tokenize(String)} as a list. */
  public static List<String> tokens(String line) {
    return PythonText.split(tokenize(line));
  }
}
