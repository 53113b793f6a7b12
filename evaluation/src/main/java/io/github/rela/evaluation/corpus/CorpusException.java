package io.github.rela.evaluation.corpus;

import java.nio.file.Path;

/**
 * Bad parallel data: the subclasses say what is wrong and where, so that a user can fix the file
 * instead of debugging a training run that silently misaligned its sentences.
 */
public abstract class CorpusException extends RuntimeException {

  private final Path file;

  protected CorpusException(Path file, String message) {
    super(message);
    this.file = file;
  }

  /** The file at fault (the source file when two files disagree). */
  public Path file() {
    return file;
  }
}
