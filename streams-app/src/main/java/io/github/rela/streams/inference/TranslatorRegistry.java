package io.github.rela.streams.inference;

import java.util.Optional;
import java.util.Set;

/**
 * The models an application serves, by language pair. Each stream thread asks for its own
 * translators ({@link #open}) since decoding state is not shared between threads; the weights may
 * be.
 */
public interface TranslatorRegistry {

  /** The pairs that have a model. */
  Set<LanguagePair> pairs();

  /** A new translator for {@code pair}, owned by the caller, or empty if no model serves it. */
  Optional<BatchTranslator> open(LanguagePair pair);
}
