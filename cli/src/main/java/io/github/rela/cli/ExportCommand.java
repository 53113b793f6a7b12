package io.github.rela.cli;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.checkpoint.CheckpointWriter;
import io.github.rela.model.checkpoint.WeightsDtype;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rela export}: copies a checkpoint for shipping, without the trainer's extra files
 * (optimizer moments, data position) and with its weights stored as fp16 by default, which halves
 * the size (they are loaded back as fp32).
 */
@RequiredOptions({"--output"})
@Command(
    modelTransformer = RequiredOptions.Transformer.class,
    name = "export",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Writes a checkpoint for shipping: config, weights (fp16 by default), tokenizer and"
          + " manifest, without training state; the training metadata (step, validation scores)"
          + " is kept.",
      "Example: rela export --model runs/multi30k-de-en-rela-g/averaged --output models/de-en"
    })
public final class ExportCommand implements Callable<Integer> {

  @Mixin OutputOption outputOption;

  @Mixin ModelOption model;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private Path output;

  @Option(names = "--dtype", defaultValue = "F16", description = "Stored weight type: F16 or F32.")
  String dtype;

  @Override
  public Integer call() throws Exception {
    output = outputOption.directory();
    WeightsDtype stored = WeightsDtype.fromCode(dtype.toUpperCase(Locale.ROOT));
    try (NDManager manager = NDManager.newBaseManager()) {
      Checkpoint checkpoint = CheckpointReader.read(required(model.named()), manager);
      CheckpointConfig source = checkpoint.config();
      CheckpointConfig exported =
          CheckpointConfig.of(
              source.model(),
              source.tokenizer(),
              source.sourceLanguage(),
              source.targetLanguage(),
              stored,
              source.training());
      CheckpointWriter.write(
          output,
          checkpoint.model(),
          exported,
          checkpoint.sourceTokenizer(),
          checkpoint.targetTokenizer());
    }
    long bytes = Files.size(output.resolve(CheckpointConfig.WEIGHTS_FILE));
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT, "Wrote %s (%s weights, %.1f MB)%n", output, stored.code(), bytes / 1e6);
    return 0;
  }

  /** Export has no default checkpoint: the shipped one is already exported. */
  private Path required(Path checkpoint) {
    if (checkpoint == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--model=DIR'");
    }
    return checkpoint;
  }
}
