package io.github.rela.model.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The attention function of one attention type (encoder self, decoder self or cross).
 *
 * <p>The identifiers are the ones written in {@code config.json} and accepted on command lines. See
 * Zhang, Titov and Sennrich, "Sparse Attention with Linear Units" (EMNLP 2021).
 */
public enum AttentionKind {
  /** Row-normalised exponential weights: the Transformer's default. */
  SOFTMAX("softmax"),
  /** ReLU of the scaled scores, then a gated RMSNorm over the concatenated heads (gain init 1). */
  RELA_G("rela-g"),
  /** ReLU of the scaled scores, then an ungated RMSNorm with a small initial gain. */
  RELA_I("rela-i"),
  /** Euclidean projection of the scores onto the simplex (Martins and Astudillo 2016). */
  SPARSEMAX("sparsemax"),
  /** 1.5-entmax (Peters, Niculae and Martins 2019), exact sort-based threshold. */
  ENTMAX15("entmax15");

  private final String id;

  AttentionKind(String id) {
    this.id = id;
  }

  /** The identifier used in configuration files, e.g. {@code rela-g}. */
  @JsonValue
  public String id() {
    return id;
  }

  /** True for the rectified linear variants, which need an RMSNorm after the value mixing. */
  public boolean isRela() {
    return this == RELA_G || this == RELA_I;
  }

  /**
   * Parses an identifier ({@code softmax}, {@code rela-g}, {@code rela-i}, {@code sparsemax},
   * {@code entmax15}), case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code id} is unknown
   */
  @JsonCreator
  public static AttentionKind fromId(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    for (AttentionKind kind : values()) {
      if (kind.id.equals(wanted)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown attention kind '"
            + id
            + "', expected one of "
            + Arrays.stream(values()).map(AttentionKind::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
