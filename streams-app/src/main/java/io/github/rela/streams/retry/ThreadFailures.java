package io.github.rela.streams.retry;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.internals.FailedProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when an exception ends a stream thread. A failure of the Kafka clients (a broker away
 * for longer than the producer's {@code delivery.timeout.ms}, a transaction that cannot commit) is
 * transient: after a backoff the thread is replaced, and the new one takes the tasks up again from
 * the last commit, so exactly-once holds. Such failures may go on for {@code rela.retry.max.ms},
 * counted from the first until the application runs again. A failure of the processing (which has
 * already waited out its own transient faults), of authentication or of authorization stops the
 * application.
 */
public final class ThreadFailures implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadFailures.class);

  private final RetryPolicy policy;
  private final LongSupplier nanoTime;
  private long faultSince = -1;
  private Duration backoff;

  public ThreadFailures(RetryPolicy policy) {
    this(policy, System::nanoTime);
  }

  ThreadFailures(RetryPolicy policy, LongSupplier nanoTime) {
    this.policy = policy;
    this.nanoTime = nanoTime;
    this.backoff = policy.firstBackoff();
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable e) {
    if (!isTransient(e)) {
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    long now = nanoTime.getAsLong();
    if (faultSince < 0) {
      faultSince = now;
    }
    long waited = (now - faultSince) / 1_000_000;
    if (waited + backoff.toMillis() > policy.limit().toMillis()) {
      LOG.error(
          "Kafka clients failing for {} ms, longer than rela.retry.max.ms={}; stopping",
          waited,
          policy.limit().toMillis());
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.warn(
        "{} ({}); a new stream thread in {} ms, {} ms into the fault of at most {}"
            + " (rela.retry.max.ms)",
        TransientFault.BROKER_UNAVAILABLE.tag(),
        e.toString(),
        backoff.toMillis(),
        waited,
        policy.limit().toMillis());
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    backoff = policy.next(backoff);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** The application runs again: the next failure starts a new fault. */
  public synchronized void recovered() {
    faultSince = -1;
    backoff = policy.firstBackoff();
  }

  /** Whether {@code e} came from the Kafka clients rather than from processing or credentials. */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FailedProcessingException
          || t instanceof RetryLimitExceededException
          || t instanceof AuthenticationException
          || t instanceof AuthorizationException) {
        return false;
      }
    }
    return true;
  }
}
