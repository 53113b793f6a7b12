package io.github.rela.cli;

import io.github.rela.model.engine.EngineThreads;
import io.github.rela.training.loop.GreedyValidationDecoder;
import io.github.rela.training.loop.TrainConfig;
import io.github.rela.training.loop.Trainer;
import io.github.rela.training.loop.TrainingState;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rela train --config FILE}: trains a model from a recipe, resuming from the run's latest
 * checkpoint when there is one, so that the same command continues a run that was cut off.
 */
@OptionDefaults("--threads=_NULL_")
@RequiredOptions({"--config"})
@Command(
    modelTransformer = RequiredOptions.Transformer.class,
    defaultValueProvider = OptionDefaults.Provider.class,
    name = "train",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Trains a ReLA Transformer from a recipe (JSON; see training/configs/).",
      "Trains the SentencePiece model first, then the model; shows a progress bar with loss,"
          + " tokens/s and ETA; writes checkpoints, the best and the averaged model, a JSONL log"
          + " and PNG curves into the run directory. Run the same command again to resume."
    })
public final class TrainCommand implements Callable<Integer> {

  @Mixin ConfigOption configOption;

  @Mixin OutputOption outputOption;

  @Mixin ThreadsOption threads;

  private Path config;

  private Path output;

  @Option(
      names = "--device",
      paramLabel = "cpu|gpu",
      description = "Device (default: the recipe's; gpu needs DJL's CUDA engine).")
  private String device;

  @Option(names = "--max-steps", paramLabel = "N", description = "Override the step budget.")
  private Integer maxSteps;

  @Option(names = "--max-minutes", paramLabel = "M", description = "Override the time budget.")
  private Double maxMinutes;

  @Override
  public Integer call() throws Exception {
    config = configOption.file();
    output = outputOption.directory();
    TrainConfig recipe = overridden(TrainConfig.load(config));
    EngineThreads.configure(recipe.budget().threads());
    TrainingState state = new Trainer(recipe, new GreedyValidationDecoder()).train();
    System.out.printf(
        "Trained %s to step %d in %.1f minutes; run directory: %s%n",
        recipe.name(), state.step(), state.elapsedSeconds() / 60, recipe.output());
    return 0;
  }

  private TrainConfig overridden(TrainConfig recipe) {
    TrainConfig.Budget b = recipe.budget();
    TrainConfig.Budget budget =
        new TrainConfig.Budget(
            maxSteps != null ? maxSteps : b.maxSteps(),
            maxMinutes != null ? maxMinutes : b.maxMinutes(),
            b.logEvery(),
            b.validEvery(),
            b.checkpointEvery(),
            b.keepCheckpoints(),
            b.averageLast(),
            b.seed(),
            device != null ? device : b.device(),
            threads.value() != null ? threads.value() : b.threads());
    return new TrainConfig(
        recipe.name(),
        recipe.data(),
        recipe.tokenizer(),
        recipe.model(),
        recipe.optim(),
        budget,
        output != null ? output.toString() : recipe.output());
  }
}
