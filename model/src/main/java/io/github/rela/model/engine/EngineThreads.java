package io.github.rela.model.engine;

/**
 * PyTorch reads its thread counts once, when the engine starts: the commands set them before any
 * array exists.
 */
public final class EngineThreads {
  private EngineThreads() {}

  /** Uses {@code threads} intra-op threads and one inter-op thread; 0 keeps the defaults. */
  public static void configure(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    if (threads > 0) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }
}
