package io.github.rela.streams.retry;

import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.registry.RegistryException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The faults that say nothing about the record at hand and pass on their own: the application waits
 * and tries again instead of dead-lettering. Everything else (bad bytes, an unknown schema id, an
 * unsupported pair, text over the limit) is a property of the record and goes to the dead-letter
 * topic.
 */
public enum TransientFault {
  /**
   * No schema registry answered, or it failed on its side (5xx, 408, 429); also a network failure
   * under any serde (Confluent's included), whose only remote calls are the registry's.
   */
  REGISTRY_UNAVAILABLE("registry-unavailable"),
  /** A Kafka client error that Kafka itself marks as retriable (broker down, leader moving). */
  BROKER_UNAVAILABLE("broker-unavailable"),
  /** The engine ran out of memory (heap, PyTorch's allocator, CUDA) while translating. */
  RESOURCE_EXHAUSTED("resource-exhausted");

  private final String tag;

  TransientFault(String tag) {
    this.tag = tag;
  }

  /** The value of the {@code reason} tag of the retry metrics. */
  public String tag() {
    return tag;
  }

  /** The transient fault behind {@code error} (anywhere in its causes), or empty if permanent. */
  public static Optional<TransientFault> of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      Optional<TransientFault> fault = itself(t);
      if (fault.isPresent()) {
        return fault;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  private static Optional<TransientFault> itself(Throwable t) {
    if (t instanceof PayloadException p && p.code() == ErrorCode.REGISTRY_UNAVAILABLE
        || t instanceof RegistryException r && r.isUnavailable()
        || isNetworkFailure(t)) {
      return Optional.of(REGISTRY_UNAVAILABLE);
    }
    if (t instanceof RetriableException) {
      return Optional.of(BROKER_UNAVAILABLE);
    }
    if (t instanceof OutOfMemoryError || isAllocationFailure(t.getMessage())) {
      return Optional.of(RESOURCE_EXHAUSTED);
    }
    return Optional.empty();
  }

  private static boolean isNetworkFailure(Throwable t) {
    return t instanceof SocketException
        || t instanceof SocketTimeoutException
        || t instanceof UnknownHostException
        || t instanceof HttpTimeoutException;
  }

  /**
   * PyTorch reports a failed allocation as an engine exception whose message says so: "CUDA out of
   * memory", "DefaultCPUAllocator: not enough memory", "std::bad_alloc".
   */
  private static boolean isAllocationFailure(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("out of memory")
        || m.contains("not enough memory")
        || m.contains("bad_alloc")
        || m.contains("cannot allocate memory");
  }
}
