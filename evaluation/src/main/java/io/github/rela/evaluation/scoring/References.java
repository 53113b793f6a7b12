package io.github.rela.evaluation.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * sacreBLEU's reference layout: several streams, each aligned with the hypotheses. A segment may
 * lack a reference in some streams ({@code null} or empty), which gives a variable number of
 * references.
 */
public final class References {

  /**
   * The version field of our signatures. It names the sacreBLEU major version whose arithmetic
   * these metrics reproduce, not an installed sacreBLEU.
   */
  static final String SIGNATURE_VERSION = "2.x";

  private References() {}

  /** Fails unless there is at least one stream and every stream has one entry per hypothesis. */
  static void checkAligned(List<String> hypotheses, List<List<String>> referenceStreams) {
    if (referenceStreams.isEmpty()) {
      throw new IllegalArgumentException("At least one reference stream is needed");
    }
    for (int s = 0; s < referenceStreams.size(); s++) {
      int size = referenceStreams.get(s).size();
      if (size != hypotheses.size()) {
        throw new IllegalArgumentException(
            "Reference stream %d has %d segments but there are %d hypotheses"
                .formatted(s + 1, size, hypotheses.size()));
      }
    }
  }

  /** Fails when a sentence has no reference to be scored against. */
  static void checkNotEmpty(List<String> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException("A sentence needs at least one reference");
    }
  }

  /**
   * The references of segment {@code index}, leaving out null and empty ones.
   *
   * @throws IllegalArgumentException when no stream has a reference for the segment
   */
  static List<String> at(List<List<String>> referenceStreams, int index) {
    List<String> refs = new ArrayList<>(referenceStreams.size());
    for (List<String> stream : referenceStreams) {
      String ref = stream.get(index);
      if (ref != null && !ref.isEmpty()) {
        refs.add(ref);
      }
    }
    if (refs.isEmpty()) {
      throw new IllegalArgumentException(
          "Empty or missing reference for segment %d (line %d)".formatted(index, index + 1));
    }
    return refs;
  }

  /**
   * The number of references per segment for the signature's {@code nrefs}, or -1 when segments
   * have different numbers (printed as {@code var}).
   */
  public static int count(List<List<String>> referenceStreams) {
    if (referenceStreams.isEmpty() || referenceStreams.get(0).isEmpty()) {
      return referenceStreams.size();
    }
    int common = at(referenceStreams, 0).size();
    for (int i = 1; i < referenceStreams.get(0).size(); i++) {
      if (at(referenceStreams, i).size() != common) {
        return -1;
      }
    }
    return common;
  }

  /** sacreBLEU writes {@code var} when segments have different numbers of references. */
  static String signatureCount(int numRefs) {
    return numRefs < 0 ? "var" : Integer.toString(numRefs);
  }
}
