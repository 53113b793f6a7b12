package io.github.rela.streams.retry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class RetryingSerializerTest {

  private final Retrier retrier =
      new Retrier(
          new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10)),
          fault -> {});

  @Test
  void shouldWaitForTheRegistryToRegisterTheFirstRecordsSchema() {
    // Given a serializer whose registry is down for its first two calls
    int[] calls = {0};
    Serializer<String> registering =
        (topic, value) -> {
          if (calls[0]++ < 2) {
            throw new PayloadException(ErrorCode.REGISTRY_UNAVAILABLE, "registry down");
          }
          return value.getBytes(StandardCharsets.UTF_8);
        };

    // When a record is written through the retrying serializer, it is written on the third try
    byte[] bytes = new RetryingSerializer<>(registering, retrier).serialize("out", "hallo");

    assertArrayEquals("hallo".getBytes(StandardCharsets.UTF_8), bytes);
    assertEquals(3, calls[0]);
  }

  @Test
  void shouldFailAtOnceOnAPermanentError() {
    Serializer<String> rejecting =
        (topic, value) -> {
          throw new PayloadException(ErrorCode.SCHEMA_MISMATCH, "rejected by the registry");
        };

    PayloadException thrown =
        assertThrows(
            PayloadException.class,
            () -> new RetryingSerializer<>(rejecting, retrier).serialize("out", "hallo"));
    assertEquals(ErrorCode.SCHEMA_MISMATCH, thrown.code());
  }
}
