package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.streams.settings.RelaStreamsConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the topology, typed. Keys are passed through as bytes, untouched; request values
 * are read as bytes and decoded by the validator, which turns undecodable ones into dead letters.
 */
public record Topics(
    Topic<byte[], byte[]> requests,
    Topic<byte[], TranslationResult> results,
    Topic<byte[], TranslationResult> lowConfidence,
    Topic<byte[], DeadLetter> deadLetter) {

  /** The names from {@code config}, the value serdes from {@code serdes}. */
  public static Topics of(RelaStreamsConfig config, AppSerdes serdes) {
    return new Topics(
        new Topic<>(
            config.getString(RelaStreamsConfig.REQUESTS_TOPIC),
            Serdes.ByteArray(),
            Serdes.ByteArray()),
        new Topic<>(
            config.getString(RelaStreamsConfig.RESULTS_TOPIC),
            Serdes.ByteArray(),
            serdes.resultSerde()),
        new Topic<>(
            config.getString(RelaStreamsConfig.LOW_CONFIDENCE_TOPIC),
            Serdes.ByteArray(),
            serdes.resultSerde()),
        new Topic<>(
            config.getString(RelaStreamsConfig.DEAD_LETTER_TOPIC),
            Serdes.ByteArray(),
            serdes.deadLetterSerde()));
  }
}
