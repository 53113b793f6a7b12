package io.github.rela.model.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecodingOptionsTest {

  @Test
  void shouldNormaliseByTheGnmtLengthPenalty() {
    // Given
    DecodingOptions options = DecodingOptions.defaults();
    // When
    float score = options.normalise(-6f, 7);
    // Then: ((5 + 7) / 6)^0.6 = 2^0.6
    assertEquals(-6 / Math.pow(2, 0.6), score, 1e-6);
    assertEquals(-6f, options.withLengthPenalty(0f).normalise(-6f, 7));
  }

  @Test
  void shouldBoundTheLengthByRatioConstantAndModelMaximum() {
    // Given
    DecodingOptions options = DecodingOptions.defaults().withMaxLength(1.5f, 10);
    // When / Then: ceil(1.5 * 7) + 10 = 21, capped at 16
    assertEquals(21, options.maxLength(7, 256));
    assertEquals(16, options.maxLength(7, 16));
  }

  @Test
  void shouldRejectOptionsThatDescribeNoSearch() {
    // Given
    DecodingOptions options = DecodingOptions.defaults();
    // When / Then
    assertThrows(IllegalArgumentException.class, () -> options.withBeamSize(0));
    assertThrows(IllegalArgumentException.class, () -> options.withLengthPenalty(-0.1f));
    assertThrows(IllegalArgumentException.class, () -> options.withMaxLength(0f, 0));
    assertThrows(IllegalArgumentException.class, () -> options.withMinLength(-1));
    assertThrows(NullPointerException.class, () -> options.withStepMode(null));
  }
}
