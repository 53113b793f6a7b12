package io.github.rela.streams.it;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointWriter;
import io.github.rela.model.checkpoint.TokenizerSpec;
import io.github.rela.model.checkpoint.WeightsDtype;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.config.ModelConfig;
import io.github.rela.model.transformer.Transformer;
import io.github.rela.training.tokenizer.SpmModelFiles;
import io.github.rela.training.tokenizer.SpmTrainOptions;
import io.github.rela.training.tokenizer.SpmTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real, tiny de-en checkpoint (SentencePiece model from spm_train, seeded random ReLA-g weights)
 * for tests of the streaming guarantees, where what matters is that every request goes through the
 * real model code, not the quality of its translations.
 */
final class TinyCheckpoint {

  private static final String[] WORDS = {
    "ein", "eine", "mann", "frau", "hund", "katze", "haus", "baum", "rot", "blau", "grün",
    "läuft", "spielt", "sitzt", "steht", "im", "am", "park", "mit", "dem", "der", "die",
    "ball", "wasser", "straße", "kind", "kinder", "fahrrad", "auto", "strand"
  };

  private TinyCheckpoint() {}

  /** Writes the checkpoint into {@code dir}/de-en and returns the models directory {@code dir}. */
  static Path write(Path dir) {
    try {
      Path text = dir.resolve("spm-text.txt");
      Random random = new Random(3);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        StringBuilder line = new StringBuilder();
        for (int w = 0; w < 3 + random.nextInt(6); w++) {
          line.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        lines.add(line.toString());
      }
      Files.createDirectories(dir);
      Files.write(text, lines);
      SpmModelFiles spm =
          SpmTrainer.train(
              List.of(text), dir.resolve("spm"), SpmTrainOptions.defaults().withVocabSize(40));
      ModelConfig config =
          ModelConfig.builder()
              .vocabSize(40)
              .dModel(32)
              .numHeads(2)
              .dFf(64)
              .layers(1, 1)
              .maxLength(64)
              .shareEmbeddings(true)
              .attention(AttentionKind.RELA_G)
              .build();
      try (NDManager manager = NDManager.newBaseManager()) {
        Engine.getInstance().setRandomSeed(5);
        Transformer model = Transformer.create(config);
        model.initializeParameters(manager, DataType.FLOAT32);
        CheckpointWriter.write(
            dir.resolve("de-en"),
            model,
            CheckpointConfig.of(
                config, TokenizerSpec.joint(), "de", "en", WeightsDtype.FLOAT32, Map.of()),
            spm.model(),
            spm.model());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
