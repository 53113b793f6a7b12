package io.github.rela.model.checkpoint;

import io.github.rela.model.tokenizer.SpecialIds;
import java.util.Objects;

/**
 * The SentencePiece models of a checkpoint and the special ids the model was trained with.
 *
 * <p>The file names are relative to the checkpoint directory; a joint vocabulary names the same
 * file twice. The ids follow the project's convention {@code spm_train --pad_id=0 --unk_id=1
 * --bos_id=2 --eos_id=3}.
 *
 * @param sourceModel file name of the source SentencePiece model
 * @param targetModel file name of the target SentencePiece model
 * @param padId padding id
 * @param unkId unknown-token id
 * @param bosId beginning-of-sentence id (the decoder's first input)
 * @param eosId end-of-sentence id
 */
public record TokenizerSpec(
    String sourceModel, String targetModel, int padId, int unkId, int bosId, int eosId) {
  /** The file name of a joint SentencePiece model inside a checkpoint. */
  public static final String JOINT_MODEL = "tokenizer.model";

  public TokenizerSpec {
    Objects.requireNonNull(sourceModel, "source_model");
    Objects.requireNonNull(targetModel, "target_model");
    for (String name : new String[] {sourceModel, targetModel}) {
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new IllegalArgumentException("tokenizer file must be a plain file name: " + name);
      }
    }
  }

  /**
   * One joint model, {@code tokenizer.model}, with the project's ids (pad 0, unk 1, bos 2, eos 3).
   */
  public static TokenizerSpec joint() {
    return new TokenizerSpec(JOINT_MODEL, JOINT_MODEL, 0, 1, 2, 3);
  }

  /** Separate models, {@code source.model} and {@code target.model}, with the project's ids. */
  public static TokenizerSpec separate() {
    return new TokenizerSpec("source.model", "target.model", 0, 1, 2, 3);
  }

  /** True when source and target share one model file. */
  public boolean sharesModel() {
    return sourceModel.equals(targetModel);
  }

  /** The special ids, for {@link io.github.rela.model.tokenizer.SentencePieceTokenizer#load}. */
  public SpecialIds specialIds() {
    return new SpecialIds(padId, unkId, bosId, eosId);
  }
}
