package io.github.rela.training.loop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rela.model.config.Json;
import io.github.rela.model.config.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A training recipe, read from a JSON file ({@code rela train --config FILE}): where the data is,
 * how to segment it, the model, the optimizer, and the budget. Every field has a default except the
 * languages; see {@code training/configs/} for complete recipes.
 *
 * @param name a name for the run and the model, e.g. {@code multi30k-de-en-rela-g}
 * @param model overrides of {@link ModelConfig}'s defaults in its JSON form (snake_case); the
 *     vocabulary sizes come from the trained tokenizer
 * @param output the run directory: checkpoints, logs and pictures
 */
public record TrainConfig(
    String name,
    Data data,
    Tokenizer tokenizer,
    JsonNode model,
    Optim optim,
    Budget budget,
    String output) {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public TrainConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    tokenizer = tokenizer != null ? tokenizer : new Tokenizer(null, null, null, null);
    model = model != null ? model : MAPPER.createObjectNode();
    optim = optim != null ? optim : new Optim(null, null, null, null, null, null, null, null, null);
    budget =
        budget != null
            ? budget
            : new Budget(null, null, null, null, null, null, null, null, null, null);
    output = output != null ? output : "runs/" + name;
  }

  /**
   * The data: aligned files {@code <split>.<lang>[.gz]} in {@code dir}.
   *
   * @param dir data directory; null means {@code RELA_DATA_DIR} or {@code ../shared/data/multi30k}
   * @param validSentences how many validation sentences to translate for BLEU at each validation
   */
  public record Data(
      String dir,
      String sourceLanguage,
      String targetLanguage,
      String train,
      String valid,
      Integer minTokens,
      Integer maxTokens,
      Double maxRatio,
      Integer validSentences) {
    public Data {
      Objects.requireNonNull(sourceLanguage, "data.source_language");
      Objects.requireNonNull(targetLanguage, "data.target_language");
      train = train != null ? train : "train";
      valid = valid != null ? valid : "val";
      minTokens = minTokens != null ? minTokens : 1;
      maxTokens = maxTokens != null ? maxTokens : 100;
      maxRatio = maxRatio != null ? maxRatio : 3.0;
      validSentences = validSentences != null ? validSentences : 1014;
    }
  }

  /** The SentencePiece model trained on the training data before the first step. */
  public record Tokenizer(
      Integer vocabSize, Boolean joint, String modelType, Double characterCoverage) {
    public Tokenizer {
      vocabSize = vocabSize != null ? vocabSize : 8000;
      joint = joint != null ? joint : true;
      modelType = modelType != null ? modelType : "unigram";
      characterCoverage = characterCoverage != null ? characterCoverage : 1.0;
    }
  }

  /**
   * Adam with linear warm-up and inverse-square-root decay, label smoothing and clipping.
   *
   * @param batchTokens padded tokens per batch (rows times the longest side)
   * @param accumulate batches whose gradients are summed before one update
   */
  public record Optim(
      Double learningRate,
      Integer warmupSteps,
      Double beta1,
      Double beta2,
      Double epsilon,
      Double labelSmoothing,
      Double clipNorm,
      Integer batchTokens,
      Integer accumulate) {
    public Optim {
      learningRate = learningRate != null ? learningRate : 7e-4;
      warmupSteps = warmupSteps != null ? warmupSteps : 4000;
      beta1 = beta1 != null ? beta1 : 0.9;
      beta2 = beta2 != null ? beta2 : 0.98;
      epsilon = epsilon != null ? epsilon : 1e-9;
      labelSmoothing = labelSmoothing != null ? labelSmoothing : 0.1;
      clipNorm = clipNorm != null ? clipNorm : 1.0;
      batchTokens = batchTokens != null ? batchTokens : 4096;
      accumulate = accumulate != null ? accumulate : 1;
    }
  }

  /**
   * How long to train and how often to report, validate and save.
   *
   * @param maxMinutes wall-clock budget across resumes; the run stops at whichever limit comes
   *     first
   * @param averageLast how many of the last checkpoints to average into {@code averaged/}
   * @param device {@code cpu} or {@code gpu}
   * @param threads PyTorch intra-op threads; 0 lets the engine choose
   */
  public record Budget(
      Integer maxSteps,
      Double maxMinutes,
      Integer logEvery,
      Integer validEvery,
      Integer checkpointEvery,
      Integer keepCheckpoints,
      Integer averageLast,
      Long seed,
      String device,
      Integer threads) {
    public Budget {
      maxSteps = maxSteps != null ? maxSteps : 20_000;
      maxMinutes = maxMinutes != null ? maxMinutes : 120.0;
      logEvery = logEvery != null ? logEvery : 50;
      validEvery = validEvery != null ? validEvery : 1000;
      checkpointEvery = checkpointEvery != null ? checkpointEvery : 500;
      keepCheckpoints = keepCheckpoints != null ? keepCheckpoints : 5;
      averageLast = averageLast != null ? averageLast : 5;
      seed = seed != null ? seed : 1L;
      device = device != null ? device : "cpu";
      threads = threads != null ? threads : 0;
    }
  }

  public static TrainConfig load(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), TrainConfig.class);
  }

  /** The model: {@link ModelConfig}'s defaults, this recipe's overrides, the vocabulary sizes. */
  public ModelConfig modelConfig(int sourceVocab, int targetVocab) throws IOException {
    ObjectMapper json = Json.mapper();
    ObjectNode merged = json.valueToTree(ModelConfig.builder().vocabSize(1).build());
    merged.setAll((ObjectNode) model);
    merged.put("source_vocab_size", sourceVocab);
    merged.put("target_vocab_size", targetVocab);
    return json.treeToValue(merged, ModelConfig.class);
  }

  /** The JSON form, as saved in the run directory and the checkpoint's training metadata. */
  public String toJson() throws IOException {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
  }
}
