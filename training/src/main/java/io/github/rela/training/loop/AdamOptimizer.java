package io.github.rela.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) with bias correction, its moments kept by parameter name so that they
 * can be saved with a checkpoint and restored exactly; DJL's own optimizer keeps them private.
 *
 * <pre>
 * m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 * w = w - lr(t) * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 */
public final class AdamOptimizer {

  private final Tracker learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private int updates;

  public AdamOptimizer(Tracker learningRate, float beta1, float beta2, float epsilon) {
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /**
   * Applies one update to every parameter from its gradient; moments are created in {@code manager}
   * on first use.
   *
   * @return the learning rate of this update
   */
  public float update(Map<String, Parameter> parameters, NDManager manager) {
    float lr = learningRate.getNewValue(updates);
    updates++;
    float correction1 = 1 - (float) Math.pow(beta1, updates);
    float correction2 = 1 - (float) Math.pow(beta2, updates);
    for (Map.Entry<String, Parameter> named : parameters.entrySet()) {
      NDArray weight = named.getValue().getArray();
      NDArray grad = weight.getGradient();
      NDArray m = firstMoments.computeIfAbsent(named.getKey(), k -> zerosLike(weight, manager));
      NDArray v = secondMoments.computeIfAbsent(named.getKey(), k -> zerosLike(weight, manager));
      m.muli(beta1).addi(grad.mul(1 - beta1));
      v.muli(beta2).addi(grad.square().mul(1 - beta2));
      NDArray step = m.div(correction1).div(v.div(correction2).sqrt().add(epsilon)).mul(lr);
      weight.subi(step);
    }
    return lr;
  }

  /** Updates applied so far (the optimizer step). */
  public int updates() {
    return updates;
  }

  /** The moments by name ({@code m.<param>}, {@code v.<param>}), to save. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    firstMoments.forEach((name, m) -> state.put("m." + name, m));
    secondMoments.forEach((name, v) -> state.put("v." + name, v));
    return state;
  }

  /** Restores moments saved by {@link #state()} after {@code updatesDone} updates. */
  public void restore(Map<String, NDArray> state, int updatesDone, NDManager manager) {
    firstMoments.clear();
    secondMoments.clear();
    state.forEach(
        (name, array) -> {
          NDArray owned = array.duplicate();
          owned.attach(manager);
          if (name.startsWith("m.")) {
            firstMoments.put(name.substring(2), owned);
          } else if (name.startsWith("v.")) {
            secondMoments.put(name.substring(2), owned);
          } else {
            throw new IllegalArgumentException("not an optimizer state entry: " + name);
          }
        });
    updates = updatesDone;
  }

  /** A moment buffer; it outlives the step's scope, in which it may be created. */
  private static NDArray zerosLike(NDArray weight, NDManager manager) {
    NDArray zeros = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    NDScope.unregister(zeros);
    return zeros;
  }
}
