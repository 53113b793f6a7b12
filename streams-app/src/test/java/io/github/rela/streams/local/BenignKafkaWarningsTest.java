package io.github.rela.streams.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class BenignKafkaWarningsTest {
  private final LoggerContext context = new LoggerContext();
  private final BenignKafkaWarnings filter = new BenignKafkaWarnings();

  private FilterReply decide(String logger, Level level, String message) {
    Logger target = context.getLogger(logger);
    return filter.decide(null, target, level, message, null, null);
  }

  @Test
  void shouldDropTheDoubleCloseOfTheEmbeddedBrokersControllerChannel() {
    assertEquals(
        FilterReply.DENY,
        decide(
            "org.apache.kafka.clients.NetworkClient",
            Level.WARN,
            "[NodeToControllerChannelManager id=1 name=registration] Attempting to close"
                + " NetworkClient that has already been closed."));
  }

  @Test
  void shouldDropAMovedPartitionsOffsetNote() {
    assertEquals(
        FilterReply.DENY,
        decide(
            "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils",
            Level.WARN,
            "[Consumer clientId=c, groupId=g] Not updating last stable offset for partition"
                + " translation-requests-1 as it is no longer assigned"));
  }

  @Test
  void shouldKeepEveryOtherWarningOfTheSameLoggers() {
    assertEquals(
        FilterReply.NEUTRAL,
        decide(
            "org.apache.kafka.clients.NetworkClient",
            Level.WARN,
            "[Consumer clientId=c] Connection to node -1 (localhost/127.0.0.1:9092) could not be"
                + " established. Node may not be available."));
    assertEquals(
        FilterReply.NEUTRAL,
        decide(
            "org.apache.kafka.clients.NetworkClient",
            Level.ERROR,
            "Attempting to close NetworkClient that has already been closed."));
    assertEquals(
        FilterReply.NEUTRAL,
        decide("io.github.rela.streams.app.StreamsApp", Level.WARN, "as it is no longer assigned"));
  }
}
