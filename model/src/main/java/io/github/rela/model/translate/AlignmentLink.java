package io.github.rela.model.translate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A word alignment link, 0-based word indices.
 *
 * @param source the source word
 * @param target the target word
 */
public record AlignmentLink(int source, int target) {

  /** Pharaoh notation, {@code source-target}. */
  @Override
  public String toString() {
    return source + "-" + target;
  }

  /** Links in Pharaoh notation separated by spaces, e.g. {@code 0-0 1-2 2-1}. */
  public static String pharaoh(List<AlignmentLink> links) {
    return links.stream().map(AlignmentLink::toString).collect(Collectors.joining(" "));
  }
}
