package io.github.rela.model.checkpoint;

import ai.djl.ndarray.NDArray;
import io.github.rela.model.config.Json;
import io.github.rela.model.transformer.Transformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a checkpoint directory:
 *
 * <ul>
 *   <li>{@code config.json}: {@link CheckpointConfig};
 *   <li>{@code model.safetensors}: every parameter under its {@link Transformer#namedParameters()}
 *       name, fp32 or fp16 ({@link SafeTensors});
 *   <li>the SentencePiece model(s) named by {@link TokenizerSpec};
 *   <li>optional extra files (e.g. optimizer state), named by the caller;
 *   <li>{@code manifest.json}: the SHA-256 of each of the above ({@link Manifest}).
 * </ul>
 *
 * <p>The directory is assembled beside its destination and moved into place, so a reader never sees
 * a half-written checkpoint and an existing checkpoint is replaced whole.
 */
public final class CheckpointWriter {
  public static final String CONFIG_FILE = "config.json";

  private CheckpointWriter() {}

  /**
   * Writes {@code model} with {@code config} to {@code directory}.
   *
   * @param sourceTokenizer the source SentencePiece {@code .model} file to copy
   * @param targetTokenizer the target one (the same path for a joint vocabulary)
   */
  public static void write(
      Path directory,
      Transformer model,
      CheckpointConfig config,
      Path sourceTokenizer,
      Path targetTokenizer)
      throws IOException {
    write(directory, model, config, sourceTokenizer, targetTokenizer, Map.of());
  }

  /**
   * Writes {@code model} with {@code config} to {@code directory}, with extra files (e.g. a
   * trainer's optimizer state) copied in under the given names and covered by the manifest.
   *
   * @param extraFiles file name inside the checkpoint to the file to copy
   */
  public static void write(
      Path directory,
      Transformer model,
      CheckpointConfig config,
      Path sourceTokenizer,
      Path targetTokenizer,
      Map<String, Path> extraFiles)
      throws IOException {
    if (!model.config().equals(config.model())) {
      throw new IllegalArgumentException("the checkpoint config describes a different model");
    }
    Path absolute = directory.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path staging = Files.createTempDirectory(absolute.getParent(), absolute.getFileName() + ".tmp");
    try {
      List<String> files = new ArrayList<>();
      Json.mapper().writeValue(staging.resolve(CONFIG_FILE).toFile(), config);
      files.add(CONFIG_FILE);
      SafeTensors.write(
          staging.resolve(config.weightsFile()),
          weights(model),
          config.weightsDtype(),
          Map.of("format", "rela", "architecture", config.architecture()));
      files.add(config.weightsFile());
      copy(sourceTokenizer, staging.resolve(config.tokenizer().sourceModel()));
      files.add(config.tokenizer().sourceModel());
      if (!config.tokenizer().sharesModel()) {
        copy(targetTokenizer, staging.resolve(config.tokenizer().targetModel()));
        files.add(config.tokenizer().targetModel());
      }
      for (Map.Entry<String, Path> extra : extraFiles.entrySet()) {
        String name = extra.getKey();
        if (files.contains(name) || name.equals(Manifest.FILE) || name.contains("/")) {
          throw new IllegalArgumentException("extra file name is reserved or not plain: " + name);
        }
        copy(extra.getValue(), staging.resolve(extra.getKey()));
        files.add(extra.getKey());
      }
      Manifest.of(staging, files).write(staging);
      DirectoryTrees.delete(absolute);
      Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      DirectoryTrees.delete(staging);
    }
  }

  private static Map<String, NDArray> weights(Transformer model) {
    Map<String, NDArray> weights = new LinkedHashMap<>();
    model.namedParameters().forEach((name, parameter) -> weights.put(name, parameter.getArray()));
    return weights;
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from)) {
      throw new CheckpointException(
          CheckpointException.Reason.MISSING_FILE,
          "file to checkpoint " + from + " does not exist");
    }
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }
}
