package io.github.rela.training.compare;

import java.nio.file.Path;

/**
 * A checkpoint under the name it has in the comparison, e.g. {@code rela-g}.
 *
 * @param name the label of its rows and pictures
 * @param checkpoint the checkpoint directory; its run directory (the parent) may hold the training
 *     log that gives the training speed
 */
public record ComparedModel(String name, Path checkpoint) {

  /** Parses {@code NAME=DIR}. */
  public static ComparedModel parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException("Expected NAME=CHECKPOINT_DIR, got '" + spec + "'");
    }
    return new ComparedModel(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
  }
}
