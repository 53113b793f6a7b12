package io.github.rela.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class RmsNormTest {

  @Test
  void shouldMatchTheGatedRmsNormFormula() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Given gain 2 and gate weights 0 (so the gate is sigmoid(0) = 0.5), and rows [3, 4], [0, 0]
      RmsNorm norm = new RmsNorm(2, true, 1e-6f);
      norm.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2));
      for (Pair<String, Parameter> parameter : norm.getParameters()) {
        float value = parameter.getKey().endsWith("gain") ? 2f : 0f;
        parameter.getValue().getArray().set(new float[] {value, value});
      }
      NDArray z = manager.create(new float[] {3, 4, 0, 0}, new Shape(1, 2, 2));
      // When
      float[] out = norm.forward(new ParameterStore(manager, false), z, false).toFloatArray();
      // Then g * z / sqrt(mean(z^2)) * 0.5, with mean(z^2) = 12.5; the null row stays zero
      double rms = Math.sqrt(12.5);
      float[] expected = {(float) (3 / rms), (float) (4 / rms), 0f, 0f};
      assertArrayEquals(expected, out, 1e-5f);
    }
  }

  @Test
  void shouldComputeTheNormOnTheHostAsTheEngineDoes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (boolean gated : new boolean[] {true, false}) {
        RmsNorm norm = new RmsNorm(256, gated, 1e-6f);
        norm.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 256));
        for (Pair<String, Parameter> parameter : norm.getParameters()) {
          parameter.getValue().getArray().set(manager.randomNormal(new Shape(256)).toFloatArray());
        }
        // 1 and 2 rows: the gate's opening on the host; 3 and 40: from the engine
        for (int rows : new int[] {1, 2, 3, 40}) {
          InferenceParameters inference = new InferenceParameters(manager);
          NDArray z = manager.randomNormal(new Shape(rows, 1, 256));
          z.set(
              new NDIndex(Integer.toString(rows - 1)),
              0f); // the last row all zero: every head null
          NDArray gain = norm.gainTimesSqrtD(inference, z);
          // the engine's answer: the training path over the same rows, divided by its gain
          float[] engine = norm.forward(inference, z, true).div(gain).toFloatArray();
          assertTrue(HostArrays.serves(z));

          NDArray host = norm.forwardWithoutGain(inference, z);

          assertArrayEquals(engine, host.toFloatArray(), 2e-6f, gated + ", " + rows + " rows");
          assertArrayEquals(new float[256], host.get(rows - 1).toFloatArray(), 0f);
        }
      }
    }
  }
}
