package io.github.rela.streams.retry;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A sink's serializer that waits out transient faults: the first record of an output topic
 * registers (or looks up) its schema, and a registry outage at that moment must not fail the
 * application nor lose the record.
 */
public final class RetryingSerializer<T> implements Serializer<T> {

  private final Serializer<T> inner;
  private final Retrier retrier;

  public RetryingSerializer(Serializer<T> inner, Retrier retrier) {
    this.inner = inner;
    this.retrier = retrier;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    inner.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return retrier.call("Writing to " + topic, () -> inner.serialize(topic, data));
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    return retrier.call("Writing to " + topic, () -> inner.serialize(topic, headers, data));
  }

  @Override
  public void close() {
    inner.close();
  }
}
