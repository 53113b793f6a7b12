package io.github.rela.training.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a training run's directory:
 *
 * <pre>
 * run/
 *   train-config.json      the recipe as run
 *   spm.model, spm.vocab   the tokenizer trained for it
 *   train-log.jsonl        the log; loss.png, bleu.png its pictures
 *   checkpoints/step-000500/{model/, optimizer.safetensors, state.json}
 *   best/                  the checkpoint with the lowest validation loss
 *   averaged/              the average of the last checkpoints
 * </pre>
 */
public record RunDirectory(Path root) {

  private static final String STEP_PREFIX = "step-";

  public Path config() {
    return root.resolve("train-config.json");
  }

  public Path log() {
    return root.resolve("train-log.jsonl");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path checkpoint(int step) {
    return checkpoints().resolve(String.format("%s%06d", STEP_PREFIX, step));
  }

  public Path best() {
    return root.resolve("best");
  }

  public Path averaged() {
    return root.resolve("averaged");
  }

  /** Saved checkpoints, oldest first. */
  public List<Path> savedCheckpoints() {
    if (!Files.isDirectory(checkpoints())) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(checkpoints())) {
      return entries
          .filter(p -> p.getFileName().toString().matches(STEP_PREFIX + "\\d+"))
          .filter(p -> Files.exists(p.resolve("state.json")))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + checkpoints(), e);
    }
  }

  public Optional<Path> latestCheckpoint() {
    List<Path> saved = savedCheckpoints();
    return saved.isEmpty() ? Optional.empty() : Optional.of(saved.get(saved.size() - 1));
  }
}
