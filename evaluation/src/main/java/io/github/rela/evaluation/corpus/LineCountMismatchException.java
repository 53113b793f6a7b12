package io.github.rela.evaluation.corpus;

import java.nio.file.Path;

/** The two sides of a parallel corpus have different numbers of lines, so they cannot align. */
public final class LineCountMismatchException extends CorpusException {

  private final Path target;
  private final long sourceLines;
  private final long targetLines;

  public LineCountMismatchException(Path source, long sourceLines, Path target, long targetLines) {
    super(
        source,
        "Parallel files differ in line count: %s has %d lines but %s has %d lines"
            .formatted(source, sourceLines, target, targetLines));
    this.target = target;
    this.sourceLines = sourceLines;
    this.targetLines = targetLines;
  }

  public Path target() {
    return target;
  }

  public long sourceLines() {
    return sourceLines;
  }

  public long targetLines() {
    return targetLines;
  }
}
