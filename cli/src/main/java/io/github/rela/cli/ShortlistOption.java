package io.github.rela.cli;

import picocli.CommandLine.Option;

/** {@code --shortlist / --no-shortlist}, for every command that translates with a checkpoint. */
public final class ShortlistOption {

  @Option(
      names = "--shortlist",
      negatable = true,
      defaultValue = "${RELA_SHORTLIST:-true}",
      fallbackValue = "true",
      description =
          "Decoding: score only the checkpoint's vocabulary shortlist of each batch (when it has"
              + " shortlist.txt); --no-shortlist scores the whole vocabulary. Default: the"
              + " environment variable RELA_SHORTLIST, else true.")
  private boolean shortlist;

  boolean value() {
    return shortlist;
  }
}
