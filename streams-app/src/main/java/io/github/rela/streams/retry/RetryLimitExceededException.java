package io.github.rela.streams.retry;

import org.apache.kafka.streams.errors.StreamsException;

/**
 * A transient fault lasted longer than {@code rela.retry.max.ms}: the application stops (Kafka
 * Streams goes to ERROR) with this message, and the record that was waiting stays unprocessed in
 * its topic, to be read again after a restart.
 */
public final class RetryLimitExceededException extends StreamsException {

  private static final long serialVersionUID = 1L;

  private final TransientFault fault;

  RetryLimitExceededException(TransientFault fault, String message, Throwable cause) {
    super(message, cause);
    this.fault = fault;
  }

  public TransientFault fault() {
    return fault;
  }
}
