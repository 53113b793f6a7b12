package io.github.rela.streams.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import java.time.Duration;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.errors.internals.FailedProcessingException;
import org.junit.jupiter.api.Test;

class ThreadFailuresTest {

  private long nanos;
  private final ThreadFailures failures =
      new ThreadFailures(
          new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10)),
          () -> nanos);

  private static final StreamsException COMMIT_FAILED =
      new StreamsException(
          "Error encountered trying to commit a transaction",
          new KafkaException("The client hasn't received acknowledgment for some records"));

  @Test
  void shouldReplaceAThreadThatTheKafkaClientsFailed() {
    assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.handle(COMMIT_FAILED));
  }

  @Test
  void shouldStopOnProcessingCredentialsAndAccessFailures() {
    PayloadException bug = new PayloadException(ErrorCode.UNKNOWN, "a bug");
    for (Throwable e :
        new Throwable[] {
          new StreamsException(new FailedProcessingException("validate", bug)),
          new StreamsException(new SaslAuthenticationException("invalid credentials")),
          new StreamsException(new TopicAuthorizationException("no ACL"))
        }) {
      assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failures.handle(e), e.toString());
    }
  }

  @Test
  void shouldStopOnceTheFailuresOutlastTheLimitUnlessTheAppRanInBetween() {
    // Failing for 5 s, then running again: the next failure starts a new fault
    failures.handle(COMMIT_FAILED);
    nanos += Duration.ofSeconds(5).toNanos();
    failures.recovered();
    nanos += Duration.ofSeconds(6).toNanos();
    assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.handle(COMMIT_FAILED));

    // Failing without a break for longer than the 10 s limit stops the application
    nanos += Duration.ofSeconds(11).toNanos();
    assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failures.handle(COMMIT_FAILED));
  }
}
