package io.github.rela.streams.inference;

import io.github.rela.schemas.avro.ModelInfo;
import java.nio.file.Path;

/** Told by the {@link CheckpointRegistry} which model serves a pair and which were refused. */
public interface ModelListener {

  /** {@code model} serves {@code pair} from now on (at start-up, or after a swap). */
  void serving(LanguagePair pair, ModelInfo model);

  /** The checkpoint in {@code directory} was not loaded for {@code pair}, for {@code reason}. */
  void refused(LanguagePair pair, Path directory, String reason);
}
