package io.github.rela.model.tokenizer;

/**
 * The ids of the special tokens.
 *
 * @param padId padding
 * @param unkId unknown piece
 * @param bosId beginning of sentence (the decoder's first input)
 * @param eosId end of sentence
 */
public record SpecialIds(int padId, int unkId, int bosId, int eosId) {
  /** The project's convention: {@code spm_train --pad_id=0 --unk_id=1 --bos_id=2 --eos_id=3}. */
  public static final SpecialIds PROJECT = new SpecialIds(0, 1, 2, 3);

  /** Whether {@code id} is one of the special tokens (PAD, UNK, BOS, EOS). */
  public boolean contains(int id) {
    return id == padId || id == unkId || id == bosId || id == eosId;
  }

  int[] asArray() {
    return new int[] {padId, unkId, bosId, eosId};
  }
}
