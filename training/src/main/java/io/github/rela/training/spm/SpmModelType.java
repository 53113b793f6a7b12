package io.github.rela.training.spm;

/** SentencePiece's segmentation algorithms that suit translation. */
public enum SpmModelType {
  /** Unigram language model (Kudo, 2018), SentencePiece's default. */
  UNIGRAM("unigram"),
  /** Byte-pair encoding (Sennrich et al., 2016). */
  BPE("bpe");

  private final String flag;

  SpmModelType(String flag) {
    this.flag = flag;
  }

  /** The value of {@code spm_train --model_type}. */
  public String flag() {
    return flag;
  }
}
