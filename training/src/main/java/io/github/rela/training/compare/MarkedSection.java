package io.github.rela.training.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated part of a hand-written file (e.g. the README's comparison table), between the lines
 * {@code <!-- NAME:start -->} and {@code <!-- NAME:end -->}, so that regenerating it touches
 * nothing else.
 */
public final class MarkedSection {

  private MarkedSection() {}

  /** Replaces the section {@code name} of {@code file} with {@code content}. */
  public static void replace(Path file, String name, String content) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String start = "<!-- " + name + ":start -->\n";
    String end = "<!-- " + name + ":end -->";
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          file + " has no section marked '" + start.strip() + "' ... '" + end + "'");
    }
    String body = content.endsWith("\n") ? content : content + "\n";
    Files.writeString(
        file,
        text.substring(0, from + start.length()) + body + text.substring(to),
        StandardCharsets.UTF_8);
  }
}
