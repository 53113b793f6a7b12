package io.github.rela.streams.it;

import io.github.rela.streams.app.StreamsApp;
import org.apache.kafka.streams.KafkaStreams;

/** What the tests ask of a running application in their JVM. */
final class Apps {

  private Apps() {}

  /** Null while Kafka Streams runs or rebalances; otherwise what state it is in. */
  static String problem(StreamsApp app) {
    KafkaStreams.State state = app.streams().state();
    return state.isRunningOrRebalancing() ? null : "Kafka Streams is " + state;
  }
}
