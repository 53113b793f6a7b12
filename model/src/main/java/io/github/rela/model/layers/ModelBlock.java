package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Base of this model's blocks: every parameter has its shape fixed at construction (from the
 * configuration, not from input shapes), so initialising a block initialises its children with no
 * shape inference, and parameter names and shapes are known before any forward pass.
 */
public abstract class ModelBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  protected ModelBlock() {
    super(VERSION);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : children.values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }

  /** The value of one of this block's parameters, on the device of {@code like}. */
  protected static NDArray value(
      ParameterStore parameterStore, Parameter parameter, NDArray like, boolean training) {
    if (!training && parameterStore instanceof InferenceParameters inference) {
      return inference.value(parameter, like); // no device query of a new array at every step
    }
    return parameterStore.getValue(parameter, like.getDevice(), training);
  }
}
