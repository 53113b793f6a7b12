package io.github.rela.streams.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private final List<Long> sleeps = new ArrayList<>();
  private final List<TransientFault> retries = new ArrayList<>();
  private long nanos;

  /** A retrier whose sleeps only move a fake clock. */
  private Retrier retrier(long firstMs, long maxMs, long limitMs) {
    return new Retrier(
        new RetryPolicy(
            Duration.ofMillis(firstMs), Duration.ofMillis(maxMs), Duration.ofMillis(limitMs)),
        retries::add,
        d -> {
          sleeps.add(d.toMillis());
          nanos += d.toNanos();
        },
        () -> nanos);
  }

  @Test
  void shouldBackOffExponentiallyUpToTheMaximumUntilTheFaultPasses() {
    // Given an action that finds the registry down five times
    int[] calls = {0};
    PayloadException down =
        new PayloadException(ErrorCode.REGISTRY_UNAVAILABLE, "schema registry unavailable");

    // When it is run with backoffs of 1 ms doubling up to 8 ms
    String result =
        retrier(1, 8, 60_000)
            .call(
                "reading",
                () -> {
                  if (calls[0]++ < 5) {
                    throw down;
                  }
                  return "read";
                });

    // Then it succeeds on the sixth try after waits of 1, 2, 4, 8, 8 ms, each retry counted
    assertEquals("read", result);
    assertEquals(List.of(1L, 2L, 4L, 8L, 8L), sleeps);
    assertEquals(5, retries.size());
    assertTrue(retries.stream().allMatch(f -> f == TransientFault.REGISTRY_UNAVAILABLE));
  }

  @Test
  void shouldThrowAPermanentFailureAtOnce() {
    IllegalStateException exploded = new IllegalStateException("model exploded");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                retrier(1, 8, 60_000)
                    .call(
                        "translating",
                        () -> {
                          throw exploded;
                        }));

    assertSame(exploded, thrown);
    assertTrue(sleeps.isEmpty());
    assertTrue(retries.isEmpty());
  }

  @Test
  void shouldGiveUpWithTheLimitNamedOnceTheFaultOutlastsIt() {
    // Given a broker that never comes back, backoffs of 100 ms up to 1 s and a limit of 2 s
    RetryLimitExceededException thrown =
        assertThrows(
            RetryLimitExceededException.class,
            () ->
                retrier(100, 1000, 2000)
                    .call(
                        "committing",
                        () -> {
                          throw new TimeoutException("no broker");
                        }));

    // Then it waited 100 + 200 + 400 + 800 ms, and stops before a wait would cross the limit
    assertEquals(List.of(100L, 200L, 400L, 800L), sleeps);
    assertEquals(TransientFault.BROKER_UNAVAILABLE, thrown.fault());
    assertTrue(thrown.getMessage().contains("rela.retry.max.ms=2000"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("broker-unavailable"), thrown.getMessage());
  }

  @Test
  void shouldTellTransientFaultsFromPermanentOnes() {
    assertEquals(
        Optional.of(TransientFault.REGISTRY_UNAVAILABLE),
        TransientFault.of(
            new StreamsException(
                new PayloadException(ErrorCode.REGISTRY_UNAVAILABLE, "registry down"))));
    assertEquals(
        Optional.of(TransientFault.REGISTRY_UNAVAILABLE),
        TransientFault.of(
            new SerializationException(
                "Error retrieving Avro schema for id 7",
                new ConnectException("Connection refused"))));
    assertEquals(
        Optional.of(TransientFault.BROKER_UNAVAILABLE),
        TransientFault.of(new TimeoutException("Timed out waiting for a node")));
    assertEquals(
        Optional.of(TransientFault.RESOURCE_EXHAUSTED),
        TransientFault.of(new OutOfMemoryError("Java heap space")));
    assertEquals(
        Optional.of(TransientFault.RESOURCE_EXHAUSTED),
        TransientFault.of(
            new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0)")));
    assertEquals(
        Optional.empty(),
        TransientFault.of(new PayloadException(ErrorCode.UNKNOWN_SCHEMA_ID, "id 7 not found")));
    assertEquals(Optional.empty(), TransientFault.of(new IllegalStateException("exploded")));
  }
}
