package io.github.rela.training.data;

/**
 * Where a {@link TokenBatchSampler} stands: the next batch to hand out. Saved in checkpoints so
 * that a resumed run continues with exactly the batches the interrupted run would have seen.
 *
 * @param epoch 0-based pass over the data
 * @param batch 0-based index of the next batch within the epoch
 */
public record SamplerPosition(int epoch, int batch) {

  /** The start of training. */
  public static final SamplerPosition START = new SamplerPosition(0, 0);

  public SamplerPosition {
    if (epoch < 0 || batch < 0) {
      throw new IllegalArgumentException(
          "epoch and batch must be >= 0, got %d and %d".formatted(epoch, batch));
    }
  }
}
