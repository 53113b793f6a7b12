package io.github.rela.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.support.TinyModels;
import org.junit.jupiter.api.Test;

class TransformerTest {

  @Test
  void shouldProduceLogitsOfTheTargetShape() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Given
      Transformer model =
          TinyModels.initialised(
              TinyModels.config(AttentionKind.RELA_G), manager, DataType.FLOAT32);
      ParameterStore store = TinyModels.store(manager);
      NDArray src = TinyModels.ids(manager, new long[][] {{4, 5, 6, 3}, {7, 8, 3, 0}});
      NDArray tgt = TinyModels.ids(manager, new long[][] {{2, 6, 5}, {2, 8, 7}});
      // When
      NDList out = model.forward(store, new NDList(src, tgt), false);
      // Then
      assertEquals(new Shape(2, 3, TinyModels.VOCAB), out.head().getShape());
      model.namedParameters().forEach((k, v) -> System.out.println(k + " " + v.getShape()));
    }
  }
}
