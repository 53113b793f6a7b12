package io.github.rela.cli;

import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.checkpoint.Manifest;
import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.training.lexicon.LexicalTableBuilder;
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
 * {@code rela lexicon}: estimates a checkpoint's lexical translation table (IBM Model 1) from its
 * training data and writes it into the checkpoint (listed in the manifest), for the lexical quality
 * feature.
 */
@Command(
    name = "lexicon",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Estimates the lexical translation table of a checkpoint from parallel training data with"
          + " IBM Model 1: p(source piece | target piece). The quality features use it to find"
          + " source words nothing in a translation accounts for (lex_source_min). Writes "
          + LexicalTable.FILE
          + " into the checkpoint and re-hashes its manifest; recalibrate (rela calibrate)"
          + " afterwards to use the feature.",
      "Example: rela lexicon --model models/de-en"
    })
public final class LexiconCommand implements Callable<Integer> {

  @Mixin ModelOption model;

  @Mixin TrainingPairsOption trainingPairs;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--iterations", defaultValue = "5", description = "EM iterations of Model 1.")
  int iterations;

  @Option(
      names = "--kept",
      defaultValue = "50",
      description = "Source pieces kept per target piece (the most probable ones).")
  int kept;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path checkpoint = model.checkpoint();
    CheckpointConfig config = CheckpointReader.readConfig(checkpoint);
    TrainingPairsOption.TokenizedPairs pairs = trainingPairs.tokenize(checkpoint, config, out);
    int vocabSize = Math.max(config.model().sourceVocabSize(), config.model().targetVocabSize());
    LexicalTable table =
        new LexicalTableBuilder(iterations, kept, config.tokenizer().specialIds())
            .build(
                pairs.sources(),
                pairs.targets(),
                vocabSize,
                iteration -> {
                  out.printf("Model 1 EM iteration %d of %d%n", iteration, iterations);
                  out.flush();
                });
    List<String> comments =
        List.of(
            "rela lexical table, IBM Model 1 p(source piece | target piece): rela lexicon"
                + " --iterations "
                + iterations
                + " --kept "
                + kept,
            pairs.describe());
    Manifest.writeListed(checkpoint, LexicalTable.FILE, file -> table.write(file, comments));
    out.printf(
        Locale.ROOT,
        "wrote %s (%d entries for %d target pieces and NULL) and %s%n",
        checkpoint.resolve(LexicalTable.FILE),
        table.entryCount(),
        table.targetCount(),
        Manifest.FILE);
    return 0;
  }
}
