package io.github.rela.model.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the shipped default model lives: {@code models/} under the installation, which the {@code
 * ./rela} script and the container image name through the {@code rela.home} system property
 * (default: the working directory). The directory holds one checkpoint per language pair, each in
 * its own sub-directory; {@code rela translate} and {@code rela eval} take the only one there when
 * no {@code --model} is given.
 */
public final class DefaultModel {

  public static final String HOME_PROPERTY = "rela.home";

  private DefaultModel() {}

  /** The directory of shipped checkpoints, {@code ${rela.home}/models}. */
  public static Path directory() {
    return Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve("models");
  }

  /** The single checkpoint under {@link #directory()}. */
  public static Path checkpoint() throws CheckpointException {
    return checkpointIn(directory());
  }

  /**
   * The single checkpoint in {@code models}: the directory itself when it is one, else its only
   * sub-directory that is one.
   *
   * @throws CheckpointException MISSING_FILE when there is none, INVALID_CONFIG when there are
   *     several (the caller must then name one)
   */
  public static Path checkpointIn(Path models) throws CheckpointException {
    if (isCheckpoint(models)) {
      return models;
    }
    List<Path> found = checkpointsIn(models);
    if (found.isEmpty()) {
      throw new CheckpointException(
          CheckpointException.Reason.MISSING_FILE,
          "No model in "
              + models.toAbsolutePath().normalize()
              + ": pass --model DIR, or train one (rela train) and copy it there");
    }
    if (found.size() > 1) {
      throw new CheckpointException(
          CheckpointException.Reason.INVALID_CONFIG,
          "Several models in " + models + ", pass --model with one of " + found);
    }
    return found.get(0);
  }

  private static List<Path> checkpointsIn(Path models) throws CheckpointException {
    if (!Files.isDirectory(models)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(models)) {
      return children.filter(DefaultModel::isCheckpoint).sorted().toList();
    } catch (IOException e) {
      throw new CheckpointException(
          CheckpointException.Reason.MISSING_FILE, "Cannot list " + models + ": " + e.getMessage());
    }
  }

  private static boolean isCheckpoint(Path directory) {
    return Files.isRegularFile(directory.resolve(CheckpointWriter.CONFIG_FILE));
  }
}
