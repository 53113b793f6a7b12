package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationResult;

/**
 * What the topology's processors forward, one kind per child: a valid request to the micro-batcher,
 * a translation to the results or low-confidence sink, a dead letter to its sink. The sinks' {@link
 * OutcomeSerializer}s unwrap the kind they receive.
 */
public sealed interface Outcome permits BufferedRequest, Outcome.Translated, Outcome.Rejected {

  /** A translation result, for the results or the low-confidence topic. */
  record Translated(TranslationResult result) implements Outcome {}

  /** A request that cannot be translated, for the dead-letter topic. */
  record Rejected(DeadLetter letter) implements Outcome {}
}
