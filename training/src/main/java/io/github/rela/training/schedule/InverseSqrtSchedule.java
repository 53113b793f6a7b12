package io.github.rela.training.schedule;

import ai.djl.training.tracker.Tracker;

/**
 * The Transformer's learning rate: linear warm-up to {@code peak} over {@code warmupSteps}, then
 * decay with the inverse square root of the step (Vaswani et al. 2017, as in the ReLA paper).
 *
 * <pre>lr(step) = peak * min(step / warmup, sqrt(warmup / step)),   step counted from 1</pre>
 */
public final class InverseSqrtSchedule implements Tracker {

  private final float peak;
  private final int warmupSteps;

  public InverseSqrtSchedule(float peak, int warmupSteps) {
    if (!(peak > 0)) {
      throw new IllegalArgumentException("peak learning rate must be positive, got " + peak);
    }
    if (warmupSteps < 1) {
      throw new IllegalArgumentException("warm-up needs at least one step, got " + warmupSteps);
    }
    this.peak = peak;
    this.warmupSteps = warmupSteps;
  }

  /**
   * @param numUpdate the number of optimizer updates done so far (DJL counts from 0)
   */
  @Override
  public float getNewValue(int numUpdate) {
    double step = numUpdate + 1.0;
    return (float) (peak * Math.min(step / warmupSteps, Math.sqrt(warmupSteps / step)));
  }
}
