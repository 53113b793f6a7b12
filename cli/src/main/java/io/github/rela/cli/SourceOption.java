package io.github.rela.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --src FILE}: sentences to translate, one a line. */
public final class SourceOption {

  @Option(names = "--src", paramLabel = "FILE", description = "Sources.")
  private Path source;

  Path file() {
    return source;
  }
}
