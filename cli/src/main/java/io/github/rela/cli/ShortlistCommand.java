package io.github.rela.cli;

import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.checkpoint.Manifest;
import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.training.lexicon.ShortlistBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rela shortlist}: builds a checkpoint's vocabulary shortlist from its training data and
 * writes it into the checkpoint (listed in the manifest).
 */
@Command(
    name = "shortlist",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Builds the vocabulary shortlist of a checkpoint from parallel training data: the most"
          + " frequent target pieces, plus for each source piece the target pieces that co-occur"
          + " with it most (Dice). Decoding then scores only a batch's shortlist. Writes "
          + Shortlist.FILE
          + " into the checkpoint and re-hashes its manifest.",
      "Example: rela shortlist --model models/de-en"
    })
public final class ShortlistCommand implements Callable<Integer> {

  @Mixin ModelOption model;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin TrainingPairsOption trainingPairs;

  @Option(
      names = "--frequent",
      defaultValue = "300",
      description = "Target pieces always in the shortlist (the most frequent ones).")
  int frequent;

  @Option(
      names = "--per-source",
      defaultValue = "100",
      description = "Target pieces each source piece brings in.")
  int perSource;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path checkpoint = model.checkpoint();
    CheckpointConfig config = CheckpointReader.readConfig(checkpoint);
    SpecialIds specialIds = config.tokenizer().specialIds();
    TrainingPairsOption.TokenizedPairs pairs = trainingPairs.tokenize(checkpoint, config, out);
    int vocabSize = Math.max(config.model().sourceVocabSize(), config.model().targetVocabSize());
    Shortlist shortlist =
        new ShortlistBuilder(frequent, perSource, specialIds)
            .build(pairs.sources(), pairs.targets(), vocabSize);
    List<String> comments =
        List.of(
            "rela vocabulary shortlist: rela shortlist --frequent "
                + frequent
                + " --per-source "
                + perSource,
            pairs.describe());
    Manifest.writeListed(checkpoint, Shortlist.FILE, file -> shortlist.write(file, comments));
    out.printf(
        Locale.ROOT,
        "wrote %s (%d frequent pieces, up to %d for each of %d source pieces) and %s%n",
        checkpoint.resolve(Shortlist.FILE),
        shortlist.frequentCount(),
        perSource,
        shortlist.sourceCount(),
        Manifest.FILE);
    return 0;
  }
}
