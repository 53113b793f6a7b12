package io.github.rela.evaluation.corpus;

import java.nio.file.Path;

/** A line that is not valid UTF-8. */
public final class InvalidUtf8Exception extends CorpusException {

  private final long line;

  public InvalidUtf8Exception(Path file, long line) {
    super(file, "Invalid UTF-8 in " + file + " at line " + line);
    this.line = line;
  }

  /** The 1-based line number. */
  public long line() {
    return line;
  }
}
