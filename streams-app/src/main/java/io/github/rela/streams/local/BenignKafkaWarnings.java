package io.github.rela.streams.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.slf4j.Marker;

/**
 * Drops the Kafka warnings that name no problem a user could act on, seen when `rela demo` or a
 * local run stops: the embedded broker closing its controller channel twice, and a consumer noting
 * that a partition it was fetching has moved to another member. Their loggers stay at WARN for
 * everything else (a broker that cannot be reached, for one), so the filter matches the message.
 * Installed from logback.xml.
 */
public final class BenignKafkaWarnings extends TurboFilter {
  /** Logger name -> a fragment of the benign message. */
  private static final Map<String, String> BENIGN =
      Map.of(
          "org.apache.kafka.clients.NetworkClient",
          "Attempting to close NetworkClient that has already been closed",
          "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils",
          "as it is no longer assigned");

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN || format == null || logger == null) {
      return FilterReply.NEUTRAL;
    }
    String fragment = BENIGN.get(logger.getName());
    return fragment != null && format.contains(fragment) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
