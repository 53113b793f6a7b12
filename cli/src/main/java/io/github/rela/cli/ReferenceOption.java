package io.github.rela.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code -r, --ref FILE}: references, one a line, aligned with the sentences they score. */
public final class ReferenceOption {

  @Option(
      names = {"-r", "--ref"},
      paramLabel = "FILE",
      description = "References; score takes several (repeat the option).")
  private List<Path> references;

  /** Every reference file given; empty when none. */
  List<Path> all() {
    return references == null ? List.of() : references;
  }

  /** The one reference file of a command that takes one; null when none was given. */
  Path single(CommandSpec spec) {
    if (all().size() > 1) {
      throw new ParameterException(spec.commandLine(), spec.name() + " takes one --ref");
    }
    return all().isEmpty() ? null : all().get(0);
  }
}
