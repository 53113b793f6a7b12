package io.github.rela.streams.topology;

import io.github.rela.model.checkpoint.DefaultModel;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.retry.RetryPolicy;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings the topology and its models run with, read once from the validated configuration.
 *
 * @param modelsDir the checkpoints, one sub-directory per language pair
 * @param reloadInterval how often the hot swap's trigger file is checked; zero: never
 * @param lowConfidenceToBoth low-confidence results go to the results topic as well
 * @param maxSourceChars longer requests are dead letters
 * @param retry how the processors wait out transient faults
 */
public record TopologySettings(
    Path modelsDir,
    Duration reloadInterval,
    DecodingOptions decoding,
    LanguagePair defaultPair,
    int batchSize,
    Duration linger,
    LowConfidenceRules rules,
    boolean lowConfidenceToBoth,
    int maxSourceChars,
    RetryPolicy retry) {

  public static TopologySettings from(RelaStreamsConfig config) {
    String models = config.getString(RelaStreamsConfig.MODELS_DIR);
    return new TopologySettings(
        models.isBlank() ? DefaultModel.directory() : Path.of(models),
        Duration.ofMillis(config.getLong(RelaStreamsConfig.MODELS_RELOAD_INTERVAL_MS)),
        DecodingOptions.defaults()
            .withBeamSize(config.getInt(RelaStreamsConfig.BEAM_SIZE))
            .withLengthPenalty(config.getDouble(RelaStreamsConfig.LENGTH_PENALTY).floatValue())
            .withMaxLength(
                config.getDouble(RelaStreamsConfig.MAX_LENGTH_RATIO).floatValue(),
                config.getInt(RelaStreamsConfig.MAX_LENGTH_OFFSET))
            .withShortlist(config.getBoolean(RelaStreamsConfig.SHORTLIST)),
        LanguagePair.parse(config.getString(RelaStreamsConfig.DEFAULT_LANGUAGE_PAIR)),
        config.getInt(RelaStreamsConfig.BATCH_SIZE),
        Duration.ofMillis(config.getLong(RelaStreamsConfig.BATCH_LINGER_MS)),
        LowConfidenceRules.from(config),
        RelaStreamsConfig.ROUTING_BOTH.equals(
            config.getString(RelaStreamsConfig.LOW_CONFIDENCE_ROUTING)),
        config.getInt(RelaStreamsConfig.MAX_SOURCE_CHARS),
        RetryPolicy.from(config));
  }
}
