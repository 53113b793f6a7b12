package io.github.rela.connect;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.Checkpoint;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One transform instance's use of a {@link SharedModels} checkpoint. The weights are shared; the
 * translator (decoding state, tokenizers) is the instance's own, since a translator is
 * thread-confined and each task runs on its own thread. Closing the lease closes what it opened and
 * releases the checkpoint.
 */
public final class ModelLease implements AutoCloseable {

  private final Path key;
  private final Checkpoint checkpoint;
  private final NDManager manager;
  private boolean closed;

  ModelLease(Path key, Checkpoint checkpoint, NDManager manager) {
    this.key = key;
    this.checkpoint = checkpoint;
    this.manager = manager;
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /**
   * A translator of one sentence at a time over the shared weights; close it before the lease.
   *
   * <p>Attention averaged over the last layer's heads: the transform only writes the null rate,
   * which the translator computes over every head either way.
   */
  public Translator openTranslator(DecodingOptions decoding) throws IOException {
    return Translator.open(checkpoint, manager, decoding, 1, AttentionView.LAST_LAYER);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      manager.close();
      SharedModels.release(key);
    }
  }
}
