package io.github.rela.streams.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading topics the way replays must: partitions assigned rather than subscribed, no group, no
 * commits, so no consumer group's offsets move; committed records only; up to fixed end offsets.
 */
final class GrouplessReads {

  private static final Duration POLL = Duration.ofMillis(200);

  private GrouplessReads() {}

  /** {@code settings} without a group id, with auto-commit off and read_committed. */
  static Map<String, Object> consumerConfig(Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }

  /** Hands every record before {@code ends} to {@code each}, polling until all are reached. */
  static void drain(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> ends,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
          each.accept(r);
        }
      }
    }
  }
}
