package io.github.rela.streams.replay;

import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.serde.RequestIds;
import io.github.rela.schemas.serde.TranslationRequestDeserializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the requests of a topic range without a consumer group: partitions are assigned, not
 * subscribed, and nothing is committed, so no production group's offsets move.
 */
public final class ReplayReader {

  private final Map<String, Object> settings;

  /** {@code settings}: bootstrap servers, security, {@code schema.registry.url}. */
  public ReplayReader(Map<String, Object> settings) {
    this.settings = new HashMap<>(settings);
  }

  /** A request with its input coordinates. */
  public record Replayed(int partition, long offset, TranslationRequest request) {}

  /** The requests of {@code range} present when the call starts, by partition and offset. */
  public List<Replayed> read(String topic, ReplayRange range) {
    Map<String, Object> config = GrouplessReads.consumerConfig(settings);
    try (TranslationRequestDeserializer values = new TranslationRequestDeserializer();
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      values.configure(settings, false);
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .filter(
                  p ->
                      !(range instanceof ReplayRange.Offsets o)
                          || o.ranges().containsKey(p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
      seekToStart(consumer, partitions, range, ends);
      List<Replayed> read = new ArrayList<>();
      GrouplessReads.drain(
          consumer,
          partitions,
          ends,
          r -> {
            TranslationRequest request = values.deserialize(r.topic(), r.value());
            if (request != null && RequestIds.isMissing(request)) {
              request.setId(RequestIds.fromCoordinates(r.topic(), r.partition(), r.offset()));
            }
            read.add(new Replayed(r.partition(), r.offset(), request));
          });
      read.sort(Comparator.comparingInt(Replayed::partition).thenComparingLong(Replayed::offset));
      return read;
    }
  }

  /** Positions each partition at the range's start; {@code ends} becomes the range's end. */
  private static void seekToStart(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      ReplayRange range,
      Map<TopicPartition, Long> ends) {
    if (range instanceof ReplayRange.FromTimestamp t) {
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, t.from().toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp at = found.get(p);
        consumer.seek(p, at == null ? ends.get(p) : at.offset());
      }
    } else if (range instanceof ReplayRange.Offsets o) {
      for (TopicPartition p : partitions) {
        long[] bounds = o.ranges().get(p.partition());
        consumer.seek(p, bounds[0]);
        ends.put(p, Math.min(ends.get(p), bounds[1] + 1));
      }
    } else {
      consumer.seekToBeginning(partitions);
    }
  }
}
