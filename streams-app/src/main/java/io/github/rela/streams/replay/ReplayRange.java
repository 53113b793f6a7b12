package io.github.rela.streams.replay;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which records of a topic a replay reads: all of them, those from a timestamp on, or explicit
 * offset ranges per partition ({@code 0:100-199,1:0-49}, both ends included).
 */
public sealed interface ReplayRange {

  /** Every record present when the replay starts. */
  record FromBeginning() implements ReplayRange {}

  /** Records with a timestamp at or after {@code from}. */
  record FromTimestamp(Instant from) implements ReplayRange {}

  /** Offsets {@code [first, last]} of each listed partition. */
  record Offsets(Map<Integer, long[]> ranges) implements ReplayRange {}

  /** Parses {@code 0:100-199,1:0-49}. */
  public static Offsets parseOffsets(String spec) {
    Map<Integer, long[]> ranges = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] partitionAndRange = part.strip().split(":");
      String[] bounds = partitionAndRange.length == 2 ? partitionAndRange[1].split("-") : null;
      if (bounds == null || bounds.length != 2) {
        throw new IllegalArgumentException(
            "offsets are written PARTITION:FIRST-LAST[,...], e.g. 0:100-199; got '" + part + "'");
      }
      long first = Long.parseLong(bounds[0].strip());
      long last = Long.parseLong(bounds[1].strip());
      if (first < 0 || last < first) {
        throw new IllegalArgumentException("empty or negative offset range '" + part + "'");
      }
      ranges.put(Integer.parseInt(partitionAndRange[0].strip()), new long[] {first, last});
    }
    return new Offsets(ranges);
  }
}
