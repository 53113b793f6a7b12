package io.github.rela.streams.testing;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.checkpoint.CheckpointWriter;
import io.github.rela.model.checkpoint.WeightsDtype;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Versions of a checkpoint for the hot-swap tests: the shipped model, a re-export of it as a new
 * version (same weights written as fp32, so a different checkpoint hash and the same memory once
 * loaded) and a corrupted copy.
 */
public final class CheckpointVersions {

  private CheckpointVersions() {}

  /** The shipped de-en checkpoint, found above the module the tests run in. */
  public static Path shipped() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path checkpoint = dir.resolve("models").resolve("de-en");
      if (Files.isRegularFile(checkpoint.resolve(CheckpointWriter.CONFIG_FILE))) {
        return checkpoint;
      }
    }
    throw new IllegalStateException("No models/de-en above " + Path.of("").toAbsolutePath());
  }

  /** Copies the checkpoint {@code from} into {@code to}, file by file. */
  public static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the checkpoint {@code from} again into {@code to} as {@code version}, with fp32 weights:
   * a valid checkpoint with a new weights hash (when {@code from} is fp16) and the same model.
   */
  public static Path newVersion(Path from, Path to, String version) {
    return reexport(
        from,
        to,
        old -> {
          Map<String, Object> training = new TreeMap<>(old.training());
          training.put("version", version);
          training.put("note", "re-exported as fp32 for the hot-swap tests");
          return CheckpointConfig.of(
              old.model(),
              old.tokenizer(),
              old.sourceLanguage(),
              old.targetLanguage(),
              WeightsDtype.FLOAT32,
              training);
        });
  }

  /** Writes the weights of {@code from} into {@code to} with the config {@code change} makes. */
  public static Path reexport(Path from, Path to, UnaryOperator<CheckpointConfig> change) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Checkpoint checkpoint = CheckpointReader.read(from, manager);
      CheckpointWriter.write(
          to,
          checkpoint.model(),
          change.apply(checkpoint.config()),
          checkpoint.sourceTokenizer(),
          checkpoint.targetTokenizer());
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of {@code from} in {@code to} with one byte of the weights flipped. */
  public static Path corrupted(Path from, Path to) {
    copy(from, to);
    Path weights = to.resolve(CheckpointConfig.WEIGHTS_FILE);
    try (var channel =
        Files.newByteChannel(weights, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      var one = java.nio.ByteBuffer.allocate(1);
      long position = channel.size() / 2;
      channel.position(position).read(one);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      channel.position(position).write(one);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
