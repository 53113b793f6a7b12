package io.github.rela.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

  @Test
  void shouldRoundTripThroughJson() throws JsonProcessingException {
    // Given
    ModelConfig config =
        ModelConfig.builder()
            .vocabSizes(8000, 8000)
            .attention(AttentionKind.RELA_G, AttentionKind.RELA_I, AttentionKind.SPARSEMAX)
            .preNorm(true)
            .build();
    // When
    String json = Json.mapper().writeValueAsString(config);
    ModelConfig read = Json.mapper().readValue(json, ModelConfig.class);
    // Then
    assertEquals(config, read);
    assertTrue(json.contains("\"decoder_self_attention\" : \"rela-i\""), json);
  }

  @Test
  void shouldDefaultToTransformerBase() {
    // When
    ModelConfig config = ModelConfig.builder().vocabSize(100).build();
    // Then
    assertEquals(512, config.dModel());
    assertEquals(64, config.dHead());
    assertEquals(6, config.encoderLayers());
    assertTrue(config.tieOutput());
  }

  @Test
  void shouldRejectHeadsThatDoNotDivideTheWidth() {
    // When
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelConfig.builder().vocabSize(100).dModel(100).numHeads(8).build());
    // Then
    assertTrue(e.getMessage().contains("divisible"), e.getMessage());
  }

  @Test
  void shouldRejectSharedEmbeddingsOfUnequalVocabularies() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelConfig.builder().vocabSizes(100, 120).shareEmbeddings(true).build());
  }

  @Test
  void shouldNameTheAcceptedAttentionKinds() {
    // When
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AttentionKind.fromId("relu"));
    // Then
    assertTrue(e.getMessage().contains("rela-g"), e.getMessage());
    assertEquals(AttentionKind.ENTMAX15, AttentionKind.fromId("ENTMAX15"));
  }
}
