package io.github.rela.streams.retry;

import io.github.rela.streams.settings.RelaStreamsConfig;
import java.time.Duration;

/**
 * How long to wait between tries after a transient fault: {@code firstBackoff}, doubling up to
 * {@code maxBackoff}; and when to give up: once a fault has lasted {@code limit}, the application
 * stops with an error rather than dead-letter a record that did nothing wrong.
 */
public record RetryPolicy(Duration firstBackoff, Duration maxBackoff, Duration limit) {

  public RetryPolicy {
    if (firstBackoff.isNegative()
        || firstBackoff.isZero()
        || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must be positive and at most its maximum: " + firstBackoff + ", " + maxBackoff);
    }
  }

  public static RetryPolicy from(RelaStreamsConfig config) {
    return new RetryPolicy(
        Duration.ofMillis(config.getLong(RelaStreamsConfig.RETRY_BACKOFF_MS)),
        Duration.ofMillis(config.getLong(RelaStreamsConfig.RETRY_BACKOFF_MAX_MS)),
        Duration.ofMillis(config.getLong(RelaStreamsConfig.RETRY_MAX_MS)));
  }

  /** The wait after {@code backoff}: twice as long, at most {@link #maxBackoff}. */
  Duration next(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
  }
}
