package io.github.rela.streams.testing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointWriter;
import io.github.rela.model.checkpoint.TokenizerSpec;
import io.github.rela.model.checkpoint.WeightsDtype;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.support.TinyModels;
import io.github.rela.model.transformer.Transformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real, tiny de-en checkpoint (the model module's committed 64-piece SentencePiece model, seeded
 * random ReLA-g weights) for tests of the streaming guarantees, where what matters is that every
 * request goes through the real model code, not the quality of its translations.
 */
public final class TinyCheckpoint {

  private static final String TOKENIZER = "/tokenizer/tiny.model";
  private static final int VOCAB = 64;

  private TinyCheckpoint() {}

  /** Writes the checkpoint into {@code dir}/de-en and returns the models directory {@code dir}. */
  public static Path write(Path dir) {
    try {
      Files.createDirectories(dir);
      // Copied out of the test-jar: the checkpoint writer reads a file.
      Path tokenizer = dir.resolve("tiny.model");
      try (InputStream in = TinyModels.class.getResourceAsStream(TOKENIZER)) {
        Files.copy(in, tokenizer);
      }
      try (NDManager manager = NDManager.newBaseManager()) {
        Transformer model =
            TinyModels.initialised(
                TinyModels.config(AttentionKind.RELA_G).toBuilder().vocabSize(VOCAB).build(),
                manager,
                DataType.FLOAT32);
        CheckpointWriter.write(
            dir.resolve("de-en"),
            model,
            CheckpointConfig.of(
                model.config(), TokenizerSpec.joint(), "de", "en", WeightsDtype.FLOAT32, Map.of()),
            tokenizer,
            tokenizer);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
