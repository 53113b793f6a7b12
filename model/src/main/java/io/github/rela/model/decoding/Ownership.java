package io.github.rela.model.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Hand-over of state arrays between decoding steps: the arrays of the new state leave the step's
 * {@link NDScope} (they must outlive it) and the arrays of the old state that the new one does not
 * share are closed at once, so a batch holds one state at a time however many steps it takes.
 */
final class Ownership {
  private Ownership() {}

  /** Keeps {@code next} alive past the current scope and closes what only {@code previous} held. */
  static void handOver(NDList previous, NDList next) {
    NDScope.unregister(next);
    Set<NDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    kept.addAll(next);
    for (NDArray array : previous) {
      if (!kept.contains(array)) {
        array.close();
      }
    }
  }
}
