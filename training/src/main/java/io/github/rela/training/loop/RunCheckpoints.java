package io.github.rela.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.checkpoint.CheckpointWriter;
import io.github.rela.model.checkpoint.DirectoryTrees;
import io.github.rela.model.checkpoint.SafeTensors;
import io.github.rela.model.checkpoint.WeightsDtype;
import io.github.rela.model.transformer.Transformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Saving, resuming and averaging the checkpoints of a run. A training checkpoint is a model
 * checkpoint ({@code model/}, loadable by {@code rela translate}) plus the optimizer's moments and
 * the {@link TrainingState}; it is assembled beside its final place and moved there, so a run cut
 * off while saving leaves the previous checkpoint intact.
 */
public final class RunCheckpoints {

  static final String MODEL = "model";
  static final String OPTIMIZER = "optimizer.safetensors";
  static final String STATE = "state.json";

  private RunCheckpoints() {}

  /** Saves model, optimizer and state as {@code directory}, replacing it whole. */
  public static void save(
      Path directory,
      Transformer model,
      CheckpointConfig config,
      Path sourceTokenizer,
      Path targetTokenizer,
      AdamOptimizer optimizer,
      TrainingState state)
      throws IOException {
    Path staging = directory.resolveSibling(directory.getFileName() + ".saving");
    DirectoryTrees.delete(staging);
    Files.createDirectories(staging);
    CheckpointWriter.write(staging.resolve(MODEL), model, config, sourceTokenizer, targetTokenizer);
    SafeTensors.write(
        staging.resolve(OPTIMIZER), optimizer.state(), WeightsDtype.FLOAT32, Map.of());
    state.write(staging.resolve(STATE));
    replace(staging, directory);
  }

  /** Loads a training checkpoint's model (verified) into {@code manager}. */
  public static Checkpoint loadModel(Path directory, NDManager manager) throws IOException {
    return CheckpointReader.read(directory.resolve(MODEL), manager);
  }

  /** Restores the optimizer's moments and returns the saved state. */
  public static TrainingState loadTraining(
      Path directory, AdamOptimizer optimizer, NDManager manager) throws IOException {
    TrainingState state = TrainingState.read(directory.resolve(STATE));
    try (NDManager scratch = manager.newSubManager()) {
      optimizer.restore(
          SafeTensors.read(directory.resolve(OPTIMIZER), scratch), state.step(), manager);
    }
    return state;
  }

  /** Keeps the newest {@code keep} checkpoints of the run and deletes the others. */
  public static void prune(RunDirectory run, int keep) throws IOException {
    List<Path> saved = run.savedCheckpoints();
    for (int i = 0; i < saved.size() - keep; i++) {
      DirectoryTrees.delete(saved.get(i));
    }
  }

  /**
   * Sets every parameter of {@code target} to the mean of that parameter over {@code checkpoints}
   * (their {@code model/} weights): checkpoint averaging (Vaswani et al. 2017).
   */
  public static void average(List<Path> checkpoints, Transformer target, NDManager manager)
      throws IOException {
    try (NDManager scratch = manager.newSubManager()) {
      Map<String, Parameter> parameters = target.namedParameters();
      for (Parameter parameter : parameters.values()) {
        parameter.getArray().muli(0);
      }
      for (Path checkpoint : checkpoints) {
        Path weights = checkpoint.resolve(MODEL).resolve(CheckpointConfig.WEIGHTS_FILE);
        Map<String, NDArray> loaded = SafeTensors.read(weights, scratch);
        for (Map.Entry<String, Parameter> named : parameters.entrySet()) {
          NDArray value = loaded.get(named.getKey());
          if (value == null) {
            throw new IOException(weights + " has no parameter " + named.getKey());
          }
          named.getValue().getArray().addi(value.div(checkpoints.size()));
        }
      }
    }
  }

  private static void replace(Path staging, Path directory) throws IOException {
    Path old = directory.resolveSibling(directory.getFileName() + ".old");
    DirectoryTrees.delete(old);
    if (Files.exists(directory)) {
      Files.move(directory, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
    DirectoryTrees.delete(old);
  }
}
