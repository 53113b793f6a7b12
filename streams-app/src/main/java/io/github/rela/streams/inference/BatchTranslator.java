package io.github.rela.streams.inference;

import io.github.rela.schemas.avro.DecodingSettings;
import io.github.rela.schemas.avro.ModelInfo;
import java.util.List;

/**
 * A model that translates a batch of sentences of one language pair, the only thing the topology
 * needs of the model. One instance per stream thread: implementations need not be thread-safe.
 */
public interface BatchTranslator extends AutoCloseable {

  /** Translations of {@code sources}, in the same order. */
  List<TranslatedSentence> translate(List<String> sources);

  /** Which model this is, stamped on every result. */
  ModelInfo modelInfo();

  /**
   * Whether another model serves this translator's pair now (a hot swap): the caller closes it at
   * the end of the batch and opens a new one.
   */
  default boolean replaced() {
    return false;
  }

  /** How it decodes, stamped on every result. */
  DecodingSettings decodingSettings();

  @Override
  void close();
}
