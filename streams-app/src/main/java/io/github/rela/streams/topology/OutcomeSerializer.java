package io.github.rela.streams.topology;

import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** A sink's serializer: unwraps the one {@link Outcome} kind its sink receives. */
final class OutcomeSerializer<W extends Outcome, V> implements Serializer<Outcome> {

  private final Class<W> kind;
  private final Function<W, V> unwrap;
  private final Serializer<V> inner;

  OutcomeSerializer(Class<W> kind, Function<W, V> unwrap, Serializer<V> inner) {
    this.kind = kind;
    this.unwrap = unwrap;
    this.inner = inner;
  }

  @Override
  public byte[] serialize(String topic, Outcome outcome) {
    return inner.serialize(topic, value(topic, outcome));
  }

  @Override
  public byte[] serialize(String topic, Headers headers, Outcome outcome) {
    return inner.serialize(topic, headers, value(topic, outcome));
  }

  @Override
  public void close() {
    inner.close();
  }

  private V value(String topic, Outcome outcome) {
    if (!kind.isInstance(outcome)) {
      // A wiring mistake in the topology, not bad data.
      throw new SerializationException(
          "The sink of " + topic + " takes " + kind.getSimpleName() + ", got " + outcome);
    }
    return unwrap.apply(kind.cast(outcome));
  }
}
