package io.github.rela.model.translate;

import java.util.Locale;

/** Which cross-attention a result carries: every head, or an average. */
public enum AttentionView {
  /** Every layer and head apart. */
  HEADS,
  /** The mean over the heads of the last decoder layer. */
  LAST_LAYER,
  /** The mean over every layer and head. */
  ALL_LAYERS;

  /** The command-line name, e.g. {@code last-layer}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@link #id()}, case-insensitively. */
  public static AttentionView fromId(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
