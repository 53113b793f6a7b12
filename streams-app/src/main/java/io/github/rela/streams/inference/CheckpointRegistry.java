package io.github.rela.streams.inference;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.checkpoint.CheckpointWriter;
import io.github.rela.model.checkpoint.Manifest;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a models directory, one per language pair, loaded once (verified, weights
 * shared by every stream thread) and handed out as per-thread translators. A directory that is
 * itself a checkpoint serves its one pair.
 *
 * <p>{@link #reload} swaps models without a restart: each directory that serves a pair is read
 * again (through a symbolic link, if it is one), and a checkpoint that differs from the serving one
 * is verified, loaded beside it and then served. Translators of the replaced model finish their
 * batch and are reopened at the next one; its weights are freed when the last of them closes. A
 * checkpoint that fails verification or names another pair is refused, and the old model serves on.
 */
public final class CheckpointRegistry implements TranslatorRegistry, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointRegistry.class);

  private final Map<LanguagePair, Path> directories = new ConcurrentHashMap<>();
  private final Map<LanguagePair, ServedModel> models = new ConcurrentHashMap<>();
  private final List<ServedModel> retired = new CopyOnWriteArrayList<>();
  private final List<ModelListener> listeners = new CopyOnWriteArrayList<>();
  private final DecodingOptions decoding;
  private final int batchSize;

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
        ServedModel model = load(dir);
        LanguagePair pair = pairOf(model);
        if (models.containsKey(pair)) {
          model.release();
          throw new IllegalArgumentException(
              "Two models serve " + pair + ": " + directories.get(pair) + " and " + dir);
        }
        directories.put(pair, dir);
        models.put(pair, model);
        LOG.info("Serving {} with the model in {}", pair, model.checkpoint().directory());
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("Cannot load the models in " + modelsDir, e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException(
          "No model checkpoint (a directory with "
              + CheckpointWriter.CONFIG_FILE
              + ") in "
              + modelsDir.toAbsolutePath()
              + "; train one with 'rela train' or set rela.models.dir");
    }
  }

  private static List<Path> checkpointDirs(Path modelsDir) throws IOException {
    if (Files.exists(modelsDir.resolve(CheckpointWriter.CONFIG_FILE))) {
      return List.of(modelsDir);
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

  /**
   * Verifies and loads the checkpoint {@code dir} points at now. The real path is kept: a link
   * switched later does not change which files this model's translators read.
   */
  private static ServedModel load(Path dir) throws IOException {
    Path real = dir.toRealPath();
    NDManager manager = NDManager.newBaseManager();
    try {
      Manifest manifest = Manifest.readAndVerify(real);
      Checkpoint checkpoint = CheckpointReader.read(real, manager);
      Translator.checkQualityInputs(checkpoint); // refused here, not at its first batch
      Map<String, Object> training = checkpoint.config().training();
      String version =
          String.valueOf(training.getOrDefault("version", training.getOrDefault("step", "final")));
      ModelInfo info = new ModelInfo(name(real), version, weightsHash(real));
      return new ServedModel(checkpoint, info, manifest, manager);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static LanguagePair pairOf(ServedModel model) {
    CheckpointConfig config = model.checkpoint().config();
    return new LanguagePair(config.sourceLanguage(), config.targetLanguage());
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

  /** Tells {@code listener} about every swap and refusal, and now which models serve. */
  public void addListener(ModelListener listener) {
    listeners.add(listener);
    models.forEach((pair, model) -> listener.serving(pair, model.info()));
  }

  /**
   * Reads every serving directory again and swaps in each checkpoint that changed; called by the
   * {@link ReloadTrigger}, one reload at a time.
   */
  public synchronized void reload() {
    retired.removeIf(ServedModel::released);
    directories.forEach(this::reload);
  }

  private void reload(LanguagePair pair, Path dir) {
    ServedModel serving = models.get(pair);
    ServedModel candidate;
    try {
      if (unchanged(serving, dir)) {
        return;
      }
      candidate = load(dir);
    } catch (IOException | RuntimeException e) {
      refuse(pair, dir, serving, e.getMessage());
      return;
    }
    LanguagePair offered = pairOf(candidate);
    if (!offered.equals(pair)) {
      candidate.release();
      refuse(pair, dir, serving, "it translates " + offered + ", this directory serves " + pair);
      return;
    }
    models.put(pair, candidate);
    retired.add(serving);
    serving.retire();
    ModelInfo from = serving.info();
    ModelInfo to = candidate.info();
    LOG.info(
        "Swapped the model of {}: {} version {} (checkpoint {}) replaces {} version {} (checkpoint"
            + " {}); the old one is released after its last batch",
        pair,
        to.getName(),
        to.getVersion(),
        to.getCheckpointHash(),
        from.getName(),
        from.getVersion(),
        from.getCheckpointHash());
    listeners.forEach(l -> l.serving(pair, to));
  }

  /** Same real directory and same manifest: nothing to load. */
  private static boolean unchanged(ServedModel serving, Path dir) throws IOException {
    return dir.toRealPath().equals(serving.checkpoint().directory())
        && Manifest.readAndVerify(serving.checkpoint().directory()).equals(serving.manifest());
  }

  private void refuse(LanguagePair pair, Path dir, ServedModel serving, String reason) {
    LOG.error(
        "Refused the checkpoint in {} for {}: {}; still serving {} version {} (checkpoint {})",
        dir,
        pair,
        reason,
        serving.info().getName(),
        serving.info().getVersion(),
        serving.info().getCheckpointHash());
    listeners.forEach(l -> l.refused(pair, dir, reason));
  }

  /** The model that serves {@code pair} now. */
  public Optional<ModelInfo> serving(LanguagePair pair) {
    return Optional.ofNullable(models.get(pair)).map(ServedModel::info);
  }

  /** Replaced models whose weights are still held by a translator in the middle of a batch. */
  public List<ModelInfo> retiredInUse() {
    return retired.stream().filter(m -> !m.released()).map(ServedModel::info).toList();
  }

  @Override
  public Set<LanguagePair> pairs() {
    return Set.copyOf(models.keySet());
  }

  @Override
  public Optional<BatchTranslator> open(LanguagePair pair) {
    ServedModel model = models.get(pair);
    if (model == null) {
      return Optional.empty();
    }
    model.acquire();
    NDManager own = model.newSubManager();
    try {
      Translator translator =
          Translator.open(model.checkpoint(), own, decoding, batchSize, AttentionView.LAST_LAYER);
      DecodingSettings settings =
          new DecodingSettings(
              decoding.beamSize(), decoding.maxLengthConstant(), (double) decoding.lengthPenalty());
      return Optional.of(new ModelBatchTranslator(translator, model, settings, own));
    } catch (IOException | RuntimeException e) {
      own.close();
      model.release();
      throw new IllegalStateException("Cannot open a translator for " + pair, e);
    }
  }

  @Override
  public void close() {
    models.values().forEach(ServedModel::retire);
    models.clear();
  }
}
