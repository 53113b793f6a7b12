package io.github.rela.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.support.TinyModels;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Autograd of the whole model against central finite differences, in float64. */
class GradientCheckTest {
  private static final String[] CHECKED = {
    "embedding.weight",
    "encoder.layer0.selfAttention.qkv.weight",
    "encoder.layer1.feedForward.hidden.bias",
    "decoder.layer0.selfAttention.qkv.bias",
    "decoder.layer0.crossAttention.keyValue.weight",
    "decoder.layer1.crossAttention.query.weight",
    "decoder.layer1.crossAttention.output.weight",
    "decoder.layer1.feedForwardSublayer.norm.gain"
  };

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void shouldMatchFiniteDifferences(AttentionKind kind) {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Given a float64 model, a padded batch, and loss = sum(logits * probe)
      Transformer model =
          TinyModels.initialised(TinyModels.config(kind), manager, DataType.FLOAT64);
      ParameterStore store = TinyModels.store(manager);
      NDArray src = TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}, {7, 8, 3, 0}});
      NDArray tgt = TinyModels.ids(manager, new long[][] {{2, 6, 5}, {2, 8, 7}});
      NDArray probe =
          manager.randomNormal(0f, 1f, new ai.djl.ndarray.types.Shape(2, 3, 11), DataType.FLOAT64);
      // When
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(loss(model, store, src, tgt, probe));
      }
      // Then
      Map<String, Parameter> parameters = model.namedParameters();
      Random random = new Random(5);
      for (String name : CHECKED) {
        NDArray array = parameters.get(name).getArray();
        double[] gradient = array.getGradient().toDoubleArray();
        int i = random.nextInt(gradient.length);
        double numeric = numericGradient(model, store, src, tgt, probe, array, i);
        assertEquals(
            numeric,
            gradient[i],
            1e-6 * Math.max(1, Math.abs(numeric)),
            kind + " " + name + "[" + i + "]");
      }
    }
  }

  private static NDArray loss(
      Transformer model, ParameterStore store, NDArray src, NDArray tgt, NDArray probe) {
    return model.forward(store, new NDList(src, tgt), false).head().mul(probe).sum();
  }

  private static double numericGradient(
      Transformer model,
      ParameterStore store,
      NDArray src,
      NDArray tgt,
      NDArray probe,
      NDArray parameter,
      int index) {
    double h = 1e-6;
    double[] values = parameter.toDoubleArray();
    double original = values[index];
    values[index] = original + h;
    parameter.set(values);
    double plus = loss(model, store, src, tgt, probe).getDouble();
    values[index] = original - h;
    parameter.set(values);
    double minus = loss(model, store, src, tgt, probe).getDouble();
    values[index] = original;
    parameter.set(values);
    return (plus - minus) / (2 * h);
  }
}
