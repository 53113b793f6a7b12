package io.github.rela.connect;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.checkpoint.CheckpointReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints loaded in this worker, one per directory, shared by every transform instance that
 * names it: a worker runs one instance per task of each connector using the transform, and each
 * would otherwise hold its own copy of the weights. Reference-counted: the weights are freed when
 * the last lease is closed.
 */
public final class SharedModels {

  private static final Logger LOG = LoggerFactory.getLogger(SharedModels.class);

  private static final Map<Path, Loaded> LOADED = new HashMap<>();

  private SharedModels() {}

  /** A checkpoint in its own manager, and the number of leases on it. */
  private static final class Loaded {
    final NDManager manager;
    final Checkpoint checkpoint;
    int leases;

    Loaded(NDManager manager, Checkpoint checkpoint) {
      this.manager = manager;
      this.checkpoint = checkpoint;
    }
  }

  /**
   * A lease on the checkpoint in {@code directory}, loading it if no lease holds it.
   *
   * @throws IOException when the directory holds no valid checkpoint
   */
  public static synchronized ModelLease acquire(Path directory) throws IOException {
    Path key = directory.toRealPath();
    Loaded loaded = LOADED.get(key);
    if (loaded == null) {
      loaded = load(key);
      LOADED.put(key, loaded);
    }
    loaded.leases++;
    return new ModelLease(key, loaded.checkpoint, loaded.manager.newSubManager());
  }

  private static Loaded load(Path key) throws IOException {
    long start = System.nanoTime();
    NDManager manager = NDManager.newBaseManager();
    try {
      Checkpoint checkpoint = CheckpointReader.read(key, manager);
      LOG.info("Loaded the model in {} in {} ms", key, (System.nanoTime() - start) / 1_000_000);
      return new Loaded(manager, checkpoint);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Ends one lease on the checkpoint under {@code key}; the last one frees the weights. */
  static synchronized void release(Path key) {
    Loaded loaded = LOADED.get(key);
    if (loaded == null) {
      return;
    }
    if (--loaded.leases == 0) {
      LOADED.remove(key);
      loaded.manager.close();
      LOG.info("Released the model in {}", key);
    }
  }

  /** The leases held on the checkpoint in {@code directory}: 0 when it is not loaded. */
  public static synchronized int leases(Path directory) throws IOException {
    Loaded loaded = LOADED.get(directory.toRealPath());
    return loaded == null ? 0 : loaded.leases;
  }
}
