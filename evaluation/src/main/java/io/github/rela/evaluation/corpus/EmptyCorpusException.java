package io.github.rela.evaluation.corpus;

import java.nio.file.Path;

/** A corpus file with no lines at all. */
public final class EmptyCorpusException extends CorpusException {

  public EmptyCorpusException(Path file) {
    super(file, "Corpus file " + file + " is empty (no lines)");
  }
}
