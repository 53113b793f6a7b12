package io.github.rela.training.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny model trained once per test JVM on the synthetic word-by-word task, for tests that need a
 * real checkpoint (evaluation, commands). Needs {@code spm_train}.
 */
public final class TinyRun {

  private static Path root;

  private TinyRun() {}

  /** The run directory: data in {@code data/}, the averaged checkpoint in {@code run/averaged}. */
  public static synchronized Path root() {
    if (root == null) {
      try {
        Path dir = Files.createTempDirectory("rela-tiny-run");
        Files.createDirectories(dir.resolve("data"));
        SyntheticParallelData.write(dir.resolve("data"), 600, 40, 11);
        new Trainer(config(dir), null).train();
        root = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  public static Path checkpoint() {
    return root().resolve("run").resolve("averaged");
  }

  public static Path data(String file) {
    return root().resolve("data").resolve(file);
  }

  private static TrainConfig config(Path dir) {
    ObjectNode model = new ObjectMapper().createObjectNode();
    model.put("d_model", 32).put("num_heads", 2).put("d_ff", 64);
    model.put("encoder_layers", 1).put("decoder_layers", 1).put("max_length", 32);
    model.put("dropout", 0.0).put("attention_dropout", 0.0).put("share_embeddings", true);
    model.put("cross_attention", "rela-g");
    return new TrainConfig(
        "tiny",
        new TrainConfig.Data(
            dir.resolve("data").toString(), "de", "en", "train", "val", 1, 20, 3.0, 40),
        new TrainConfig.Tokenizer(40, true, "unigram", 1.0),
        model,
        new TrainConfig.Optim(3e-3, 30, 0.9, 0.98, 1e-9, 0.1, 1.0, 256, 1),
        new TrainConfig.Budget(400, 10.0, 50, 1000, 100, 3, 3, 3L, "cpu", 0),
        dir.resolve("run").toString());
  }
}
