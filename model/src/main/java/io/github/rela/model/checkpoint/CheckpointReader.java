package io.github.rela.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.rela.model.checkpoint.CheckpointException.Reason;
import io.github.rela.model.config.Json;
import io.github.rela.model.engine.MklVendorCheck;
import io.github.rela.model.lexical.LexicalTable;
import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.transformer.Transformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a checkpoint written by {@link CheckpointWriter}, refusing it with a {@link
 * CheckpointException} before any weight is used if anything is off, in this order: the manifest
 * (present, known version, every file present with its SHA-256), the config (known version and
 * architecture, valid model), the files the config names (listed in the manifest), and the weights
 * (every parameter present, none unexpected, every shape as the architecture says).
 */
public final class CheckpointReader {
  private CheckpointReader() {}

  /**
   * Reads and verifies the checkpoint in {@code directory}.
   *
   * @param manager owner of the loaded parameters (fp32)
   */
  public static Checkpoint read(Path directory, NDManager manager) throws IOException {
    MklVendorCheck.logAdviceOnce();
    if (!Files.isDirectory(directory)) {
      throw new CheckpointException(
          Reason.MISSING_FILE, "checkpoint directory " + directory + " does not exist");
    }
    Manifest manifest = Manifest.readAndVerify(directory);
    CheckpointConfig config = readConfig(directory, manifest);
    for (String name :
        new String[] {
          config.weightsFile(), config.tokenizer().sourceModel(), config.tokenizer().targetModel()
        }) {
      requireListed(manifest, directory, name);
    }
    Transformer model = Transformer.create(config.model());
    Path weightsFile = directory.resolve(config.weightsFile());
    checkWeights(model, SafeTensors.readHeader(weightsFile), weightsFile);
    model.initializeParameters(manager, DataType.FLOAT32);
    Map<String, NDArray> weights = SafeTensors.read(weightsFile, manager);
    for (Map.Entry<String, Parameter> named : model.namedParameters().entrySet()) {
      try (NDArray loaded = weights.get(named.getKey())) {
        named.getValue().getArray().set(loaded.toFloatArray());
      }
    }
    return new Checkpoint(
        directory,
        config,
        model,
        Shortlist.load(directory).orElse(null),
        LexicalTable.load(directory).orElse(null));
  }

  /** Reads {@code config.json} alone (no weights), e.g. to inspect a checkpoint. */
  public static CheckpointConfig readConfig(Path directory) throws IOException {
    return readConfig(directory, Manifest.readAndVerify(directory));
  }

  private static CheckpointConfig readConfig(Path directory, Manifest manifest) throws IOException {
    requireListed(manifest, directory, CheckpointWriter.CONFIG_FILE);
    Path file = directory.resolve(CheckpointWriter.CONFIG_FILE);
    CheckpointConfig config;
    try {
      JsonNode tree = Json.mapper().readTree(file.toFile());
      Manifest.checkFormatVersion(tree, file);
      config = Json.mapper().treeToValue(tree, CheckpointConfig.class);
    } catch (CheckpointException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new CheckpointException(
          Reason.INVALID_CONFIG, file + " is not a valid checkpoint config: " + e.getMessage(), e);
    }
    if (!CheckpointConfig.ARCHITECTURE.equals(config.architecture())) {
      throw new CheckpointException(
          Reason.INVALID_CONFIG,
          file
              + " describes architecture '"
              + config.architecture()
              + "', expected '"
              + CheckpointConfig.ARCHITECTURE
              + "'");
    }
    return config;
  }

  private static void requireListed(Manifest manifest, Path directory, String name)
      throws CheckpointException {
    if (!manifest.lists(name)) {
      throw new CheckpointException(
          Reason.MISSING_FILE,
          "checkpoint " + directory + ": " + name + " is not listed in " + Manifest.FILE);
    }
  }

  private static void checkWeights(
      Transformer model, Map<String, SafeTensors.Entry> header, Path file)
      throws CheckpointException {
    Map<String, Parameter> expected = model.namedParameters();
    for (Map.Entry<String, Parameter> named : expected.entrySet()) {
      SafeTensors.Entry entry = header.get(named.getKey());
      if (entry == null) {
        throw new CheckpointException(
            Reason.MISSING_PARAMETER, file + " lacks parameter " + named.getKey());
      }
      Shape shape = named.getValue().getShape();
      if (!shape.equals(entry.shape())) {
        throw new CheckpointException(
            Reason.SHAPE_MISMATCH,
            "shape mismatch for "
                + named.getKey()
                + " in "
                + file
                + ": the config implies "
                + shape
                + ", the file holds "
                + entry.shape());
      }
    }
    for (String name : header.keySet()) {
      if (!expected.containsKey(name)) {
        throw new CheckpointException(
            Reason.UNEXPECTED_PARAMETER,
            file + " holds parameter " + name + ", which the config's architecture does not have");
      }
    }
  }
}
