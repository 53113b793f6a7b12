package io.github.rela.streams.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on the stream thread and, while it fails with a {@link TransientFault}, waits with
 * exponential backoff and runs it again: the thread (and with it the input partitions) pauses, and
 * nothing is dead-lettered. A permanent failure is thrown at once for the caller to dead-letter.
 * After {@link RetryPolicy#limit()} it throws {@link RetryLimitExceededException}, which stops the
 * application.
 *
 * <p>Waiting longer than the producer's {@code transaction.timeout.ms} lets the broker abort the
 * open transaction; Kafka Streams then sees its producer fenced, treats it as a task migration and
 * processes the aborted records again, so exactly-once holds. Keep {@code rela.retry.max.ms} below
 * {@code max.poll.interval.ms} so that the waiting thread keeps its group membership.
 */
public final class Retrier {

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  /** Sleeps the given time; a test may record it instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final RetryPolicy policy;
  private final Consumer<TransientFault> onRetry;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;

  /**
   * @param onRetry told of each retry, e.g. to count it in a metric
   */
  public Retrier(RetryPolicy policy, Consumer<TransientFault> onRetry) {
    this(policy, onRetry, d -> Thread.sleep(d.toMillis()), System::nanoTime);
  }

  Retrier(
      RetryPolicy policy,
      Consumer<TransientFault> onRetry,
      Sleeper sleeper,
      LongSupplier nanoTime) {
    this.policy = policy;
    this.onRetry = onRetry;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  /**
   * The action's result, after as many tries as transient faults require.
   *
   * @param what what the action does, for the log ("reading translation-requests-0@17")
   */
  public <T> T call(String what, Supplier<T> action) {
    long start = nanoTime.getAsLong();
    Duration backoff = policy.firstBackoff();
    for (int retries = 0; ; retries++) {
      Throwable failure;
      try {
        T result = action.get();
        if (retries > 0) {
          LOG.info("{}: succeeded after {} retries in {} ms", what, retries, millisSince(start));
        }
        return result;
      } catch (RuntimeException | OutOfMemoryError e) {
        failure = e;
      }
      Optional<TransientFault> fault = TransientFault.of(failure);
      if (fault.isEmpty()) {
        if (failure instanceof RuntimeException permanent) {
          throw permanent;
        }
        throw (Error) failure;
      }
      long waited = millisSince(start);
      if (waited + backoff.toMillis() > policy.limit().toMillis()) {
        throw new RetryLimitExceededException(
            fault.get(), giveUpMessage(what, fault.get(), waited, failure), failure);
      }
      LOG.warn(
          "{}: {} ({}); retry {} in {} ms, {} ms waited of at most {} (rela.retry.max.ms)",
          what,
          fault.get().tag(),
          failure.toString(),
          retries + 1,
          backoff.toMillis(),
          waited,
          policy.limit().toMillis());
      onRetry.accept(fault.get());
      sleep(backoff);
      backoff = policy.next(backoff);
    }
  }

  private String giveUpMessage(String what, TransientFault fault, long waited, Throwable e) {
    return what
        + ": "
        + fault.tag()
        + " for "
        + waited
        + " ms, longer than rela.retry.max.ms="
        + policy.limit().toMillis()
        + "; stopping instead of dead-lettering records that did nothing wrong. Last error: "
        + e;
  }

  private void sleep(Duration backoff) {
    try {
      sleeper.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
  }

  private long millisSince(long startNanos) {
    return (nanoTime.getAsLong() - startNanos) / 1_000_000;
  }
}
