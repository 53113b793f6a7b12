package io.github.rela.cli;

import picocli.CommandLine.Option;

/** {@code --json}: one JSON object instead of text. */
public final class JsonOption {

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  private boolean json;

  boolean enabled() {
    return json;
  }
}
