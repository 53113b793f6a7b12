package io.github.rela.streams.inference;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.Manifest;
import io.github.rela.schemas.avro.ModelInfo;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded checkpoint and the native memory that holds its weights, counted by reference: the
 * registry holds one reference while the model serves, every open translator one more. The weights
 * are freed when the last reference goes, i.e. once a replaced model's last batch has finished.
 *
 * @param manager owns the weights and every translator's arrays of this model
 * @param manifest what was verified at load, to tell an unchanged directory from a new checkpoint
 */
final class ServedModel {

  private static final Logger LOG = LoggerFactory.getLogger(ServedModel.class);

  private volatile Checkpoint checkpoint;
  private final ModelInfo info;
  private final Manifest manifest;
  private final NDManager manager;
  private final AtomicInteger references = new AtomicInteger(1);
  private volatile boolean retired;

  ServedModel(Checkpoint checkpoint, ModelInfo info, Manifest manifest, NDManager manager) {
    this.checkpoint = checkpoint;
    this.info = info;
    this.manifest = manifest;
    this.manager = manager;
  }

  Checkpoint checkpoint() {
    return checkpoint;
  }

  ModelInfo info() {
    return info;
  }

  Manifest manifest() {
    return manifest;
  }

  /** A new owner for a translator's arrays, freed with this model at the latest. */
  NDManager newSubManager() {
    return manager.newSubManager();
  }

  /** Takes a reference for a translator; fails if the model was already freed. */
  void acquire() {
    if (references.getAndUpdate(n -> n == 0 ? 0 : n + 1) == 0) {
      throw new IllegalStateException("model " + info.getName() + " was already released");
    }
  }

  /**
   * Drops a reference; the last one frees the weights. DJL backs tensors made from Java arrays with
   * direct byte buffers, which only a garbage collection frees once the model's objects are
   * unreachable: the model is dropped here and, a swap being rare, one collection is asked for.
   */
  void release() {
    if (references.decrementAndGet() == 0) {
      manager.close();
      checkpoint = null;
      System.gc();
      LOG.info(
          "Released model {} version {} (checkpoint {})",
          info.getName(),
          info.getVersion(),
          info.getCheckpointHash());
    }
  }

  /** The registry serves another model now: translators of this one finish their batch. */
  void retire() {
    retired = true;
    release();
  }

  boolean retired() {
    return retired;
  }

  /** Whether the weights were freed (no reference left). */
  boolean released() {
    return references.get() == 0;
  }
}
