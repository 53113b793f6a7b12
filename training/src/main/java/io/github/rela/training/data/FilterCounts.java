package io.github.rela.training.data;

import java.util.EnumMap;
import java.util.Map;

/** How many pairs a filter kept and how many it dropped, by reason. Not thread-safe. */
public final class FilterCounts {

  private long kept;
  private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);

  /** Counts a kept pair. */
  public void keep() {
    kept++;
  }

  /** Counts a dropped pair. */
  public void drop(DropReason reason) {
    dropped.merge(reason, 1L, Long::sum);
  }

  public long kept() {
    return kept;
  }

  public long dropped(DropReason reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  public long totalDropped() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Pairs seen: kept plus dropped. */
  public long total() {
    return kept + totalDropped();
  }

  /** One line for logs, e.g. {@code kept 28950 of 29000 (too short 0, too long 12, ratio 38)}. */
  @Override
  public String toString() {
    return "kept %d of %d (too short %d, too long %d, ratio %d)"
        .formatted(
            kept,
            total(),
            dropped(DropReason.TOO_SHORT),
            dropped(DropReason.TOO_LONG),
            dropped(DropReason.LENGTH_RATIO));
  }
}
