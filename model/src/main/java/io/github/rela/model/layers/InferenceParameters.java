package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.github.rela.model.engine.PackedGemm;
import io.github.rela.model.engine.PackedMatrix;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The parameter store of inference, which also keeps values derived from parameters (such as the
 * query weights times the score scale), each computed at its first use and kept while the store
 * lives. Incremental decoding would otherwise redo every derivation at every step, and at batch 1 a
 * derivation per batch copies every attention weight once per sentence.
 *
 * <p>One per decoder (thread-confined, never shared), for weights that do not change while it
 * lives: weights are written in place (a checkpoint loaded, an optimizer step), which no key could
 * see, so a decoder over weights that change is made anew for each use, as training's validation
 * and every model swap do.
 */
public final class InferenceParameters extends ParameterStore {
  private final NDManager manager;
  // Keyed by the parameter itself: a decoding step looks every weight up, and a string key (the
  // parameter's id, a device) would cost a hash of a new string each time.
  private final Map<Parameter, NDArray> values = new IdentityHashMap<>();
  private final Map<Parameter, Map<String, NDArray>> derived = new IdentityHashMap<>();
  private final Map<String, NDArray> constants = new HashMap<>();
  private final Map<NDArray, PackedMatrix> packed = new IdentityHashMap<>();
  private final Map<Parameter, float[]> onHost = new IdentityHashMap<>();
  private final Optional<PackedGemm> gemm = PackedGemm.get();

  /**
   * @param manager owner of the derived values, closed by the caller when the store is done
   */
  public InferenceParameters(NDManager manager) {
    super(manager, false);
    this.manager = manager;
  }

  /**
   * {@code parameter}'s value, on the device of {@code like} at the first call: a store serves one
   * decoder, whose arrays are all on one device.
   */
  NDArray value(Parameter parameter, NDArray like) {
    NDArray value = values.get(parameter);
    if (value == null) {
      value = getValue(parameter, like.getDevice(), false);
      values.put(parameter, value);
    }
    return value;
  }

  /** {@code parameter}'s value copied into a Java array at the first call, for host arithmetic. */
  float[] onHost(Parameter parameter, NDArray like) {
    return onHost.computeIfAbsent(parameter, key -> value(key, like).toFloatArray());
  }

  /**
   * {@code derivation} of {@code parameter}'s value, computed once.
   *
   * @param name what the derivation is, unique for the parameter (e.g. "times-sqrt-d")
   */
  NDArray derived(
      Parameter parameter, String name, NDArray like, UnaryOperator<NDArray> derivation) {
    Map<String, NDArray> byName = derived.computeIfAbsent(parameter, key -> new HashMap<>());
    NDArray value = byName.get(name);
    if (value == null) {
      value = keep(derivation.apply(value(parameter, like)));
      byName.put(name, value);
    }
    return value;
  }

  /**
   * {@code x W^T + b} for a weight this store serves (a parameter's value or a derivation): through
   * MKL's packed copy of W, made at the first such product, where {@link PackedGemm} has it and
   * {@code x} has the rows for it to pay; otherwise the engine's {@code linear}.
   *
   * @param x [..., in]
   * @param weight W, [out, in]
   * @param bias [out], or null
   */
  NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    if (gemm.isPresent() && gemm.get().pays(Rows.count(x), weight)) {
      return gemm.get().linear(x, packed.computeIfAbsent(weight, this::pack), bias);
    }
    return Linear.linear(x, weight, bias).head(); // a null bias adds nothing
  }

  private PackedMatrix pack(NDArray weight) {
    PackedMatrix matrix = gemm.orElseThrow().pack(weight);
    keep(matrix.storage());
    return matrix;
  }

  /**
   * A constant that depends on no parameter (e.g. a position's encoding), computed once.
   *
   * @param name what the constant is, unique within the store
   */
  public NDArray constant(String name, Supplier<NDArray> value) {
    return constants.computeIfAbsent(name, key -> keep(value.get()));
  }

  /**
   * Takes {@code value} out of the {@link NDScope} it was made in (a decoding step's, which would
   * close it after the step) and gives it to the store's manager.
   */
  private NDArray keep(NDArray value) {
    NDScope.unregister(value);
    value.attach(manager);
    return value;
  }
}
