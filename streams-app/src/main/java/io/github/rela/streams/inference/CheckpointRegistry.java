package io.github.rela.streams.inference;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.checkpoint.CheckpointWriter;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translator;
import io.github.rela.schemas.avro.DecodingSettings;
import io.github.rela.schemas.avro.ModelInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a models directory, one per language pair, loaded once (verified, weights
 * shared by every stream thread) and handed out as per-thread translators. A directory that is
 * itself a checkpoint serves its one pair.
 */
public final class CheckpointRegistry implements TranslatorRegistry, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointRegistry.class);

  private final NDManager manager = NDManager.newBaseManager();
  private final Map<LanguagePair, Loaded> models = new HashMap<>();
  private final DecodingOptions decoding;
  private final int batchSize;

  private record Loaded(Checkpoint checkpoint, ModelInfo info) {}

  /**
   * Loads every checkpoint under {@code modelsDir}.
   *
   * @throws IllegalArgumentException when there is none, or two serve the same pair
   */
  public CheckpointRegistry(Path modelsDir, DecodingOptions decoding, int batchSize) {
    this.decoding = decoding;
    this.batchSize = batchSize;
    try {
      for (Path dir : checkpointDirs(modelsDir)) {
        load(dir);
      }
    } catch (IOException e) {
      manager.close();
      throw new UncheckedIOException("Cannot load the models in " + modelsDir, e);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    if (models.isEmpty()) {
      manager.close();
      throw new IllegalArgumentException(
          "No model checkpoint (a directory with "
              + CheckpointWriter.CONFIG_FILE
              + ") in "
              + modelsDir.toAbsolutePath()
              + "; train one with 'rela train' or set rela.models.dir");
    }
  }

  private static java.util.List<Path> checkpointDirs(Path modelsDir) throws IOException {
    if (Files.exists(modelsDir.resolve(CheckpointWriter.CONFIG_FILE))) {
      return java.util.List.of(modelsDir);
    }
    if (!Files.isDirectory(modelsDir)) {
      throw new IllegalArgumentException(
          "Models directory "
              + modelsDir.toAbsolutePath()
              + " does not exist; pass --models DIR (a checkpoint, or a directory of them) or"
              + " train one with 'rela train'");
    }
    try (Stream<Path> children = Files.list(modelsDir)) {
      return children
          .filter(d -> Files.exists(d.resolve(CheckpointWriter.CONFIG_FILE)))
          .sorted()
          .toList();
    }
  }

  private void load(Path dir) throws IOException {
    Checkpoint checkpoint = CheckpointReader.read(dir, manager);
    CheckpointConfig config = checkpoint.config();
    LanguagePair pair = new LanguagePair(config.sourceLanguage(), config.targetLanguage());
    if (models.containsKey(pair)) {
      throw new IllegalArgumentException(
          "Two models serve "
              + pair
              + ": "
              + models.get(pair).checkpoint().directory()
              + " and "
              + dir);
    }
    String version = String.valueOf(config.training().getOrDefault("step", "final"));
    models.put(pair, new Loaded(checkpoint, new ModelInfo(name(dir), version, weightsHash(dir))));
    LOG.info("Serving {} with the model in {}", pair, dir);
  }

  private static String name(Path dir) {
    return dir.toAbsolutePath().normalize().getFileName().toString();
  }

  private static String weightsHash(Path dir) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(dir.resolve(CheckpointConfig.WEIGHTS_FILE))) {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Set<LanguagePair> pairs() {
    return Set.copyOf(models.keySet());
  }

  @Override
  public Optional<BatchTranslator> open(LanguagePair pair) {
    Loaded loaded = models.get(pair);
    if (loaded == null) {
      return Optional.empty();
    }
    NDManager own = manager.newSubManager();
    try {
      Translator translator =
          Translator.open(loaded.checkpoint(), own, decoding, batchSize, AttentionView.LAST_LAYER);
      DecodingSettings settings =
          new DecodingSettings(
              decoding.beamSize(), decoding.maxLengthConstant(), (double) decoding.lengthPenalty());
      return Optional.of(new ModelBatchTranslator(translator, loaded.info(), settings, own));
    } catch (IOException e) {
      own.close();
      throw new UncheckedIOException("Cannot open a translator for " + pair, e);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
