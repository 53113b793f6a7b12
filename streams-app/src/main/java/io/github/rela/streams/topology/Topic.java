package io.github.rela.streams.topology;

import org.apache.kafka.common.serialization.Serde;

/** A topic with the serdes of its keys and values, as Kafka Streams' examples declare them. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}
