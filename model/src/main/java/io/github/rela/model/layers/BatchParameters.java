package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The parameter store of one inference batch, which also keeps values derived from parameters (such
 * as a gain times a constant), each computed at its first use. Weights do not change within a
 * batch, and incremental decoding would otherwise redo every derivation at every step: on small
 * batches the cost of a step is mostly its count of native calls. One per batch, never shared: the
 * derived arrays belong to the batch's manager and close with it, and a later change to the weights
 * (training, checkpoint averaging) can never meet a stale value.
 */
public final class BatchParameters extends ParameterStore {
  private final NDManager manager;
  private final Map<String, NDArray> derived = new HashMap<>();

  /**
   * @param manager the batch's manager, owner of the derived values
   */
  public BatchParameters(NDManager manager) {
    super(manager, false);
    this.manager = manager;
  }

  /**
   * {@code derivation} of {@code parameter}'s value, computed once per batch.
   *
   * @param name what the derivation is, unique for the parameter (e.g. "times-sqrt-d")
   */
  NDArray derived(
      Parameter parameter, String name, NDArray like, UnaryOperator<NDArray> derivation) {
    return derived.computeIfAbsent(
        parameter.getId() + "/" + name,
        key -> keep(derivation.apply(getValue(parameter, like.getDevice(), false))));
  }

  /**
   * Takes {@code value} out of the {@link NDScope} it was made in (a decoding step's, which would
   * close it after the step) and gives it to the batch's manager.
   */
  private NDArray keep(NDArray value) {
    NDScope.unregister(value);
    value.attach(manager);
    return value;
  }
}
