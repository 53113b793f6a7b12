package io.github.rela.streams.it;

import static io.github.rela.streams.testing.StreamsFixture.DEAD_LETTER;
import static io.github.rela.streams.testing.StreamsFixture.OUTPUTS;
import static io.github.rela.streams.testing.StreamsFixture.REQUESTS;
import static io.github.rela.streams.testing.StreamsFixture.TOPICS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.rela.streams.testing.StreamsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application processes share a 4-partition input topic; one is killed with SIGKILL in the
 * middle of the stream. The survivor takes over its partitions, and every request ends in the
 * outputs exactly once (read_committed). The takeover time (from the kill to the first output of
 * each lost partition that the survivor committed) is printed: it is bounded by the consumer's
 * session timeout and the producer's transaction timeout, both 10 s here.
 */
class InstanceLossIntegrationTest {

  private static final String APP_ID = "instance-loss-it";
  private static final String REGISTRY = "mock://instance-loss-it";
  private static final int REQUEST_COUNT = 480;

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void shouldHandOverTheLostInstancesPartitionsWithoutLossOrDuplicates() throws Exception {
    try (StreamsFixture fixture = StreamsFixture.start(dir, 4, TOPICS);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers()))) {
      // Given two instances of the application that share the requests' four partitions, with
      // half the requests in the topic before the kill and half after it, so that the killed
      // instance's partitions hold work the survivor must take over however fast decoding is
      List<String> ids = new ArrayList<>(fixture.producePlainText(0, REQUEST_COUNT / 2));
      Path models = fixture.tinyModels();
      try (AppProcess survivor = AppProcess.start(settings(fixture, models, "a"), log("a"));
          AppProcess victim = AppProcess.start(settings(fixture, models, "b"), log("b"))) {
        Set<TopicPartition> lost = awaitBothAssigned(admin, survivor, victim);
        fixture.awaitCommitted(OUTPUTS, 60, Duration.ofSeconds(120), () -> died(survivor, "a"));

        // When one is killed with SIGKILL in the middle of the stream
        victim.kill();
        long killed = System.nanoTime();
        ids.addAll(fixture.producePlainText(REQUEST_COUNT / 2, REQUEST_COUNT));
        Map<TopicPartition, OffsetAndMetadata> resumeAt =
            admin.listConsumerGroupOffsets(APP_ID).partitionsToOffsetAndMetadata().get();

        // Then the survivor takes its partitions over and finishes the stream
        Map<Integer, Double> takeover = new TreeMap<>();
        List<ConsumerRecord<byte[], byte[]>> outputs =
            readUntil(
                fixture,
                ids.size(),
                survivor,
                (partition, offset) -> {
                  TopicPartition tp = new TopicPartition(REQUESTS, partition);
                  OffsetAndMetadata committed = resumeAt.get(tp);
                  if (lost.contains(tp)
                      && offset >= (committed == null ? 0 : committed.offset())
                      && !takeover.containsKey(partition)) {
                    takeover.put(partition, (System.nanoTime() - killed) / 1e9);
                  }
                });
        System.out.printf(
            "Instance loss: partitions %s of the killed instance; first output of each from the"
                + " survivor after (s) %s; all %d outputs %.1f s after the kill%n",
            lost, takeover, ids.size(), (System.nanoTime() - killed) / 1e9);
        assertEquals(lost.size(), takeover.size(), "lost partitions taken over: " + takeover);

        // And every request is in the outputs exactly once
        OutputIds found = new OutputIds(REGISTRY, DEAD_LETTER).count(outputs);
        assertEquals(Map.of(), found.notExactlyOnce(ids));
      }
    }
  }

  private Map<String, String> settings(StreamsFixture fixture, Path models, String name) {
    Map<String, String> s = fixture.appSettings(APP_ID, REGISTRY, models);
    s.put("client.id", "rela-" + name);
    s.put("state.dir", dir.resolve("state-" + name).toString());
    // A lost member is noticed after the session timeout; its open transaction blocks
    // read_committed readers of the outputs until the transaction timeout aborts it.
    s.put("consumer.session.timeout.ms", "10000");
    s.put("consumer.heartbeat.interval.ms", "1000");
    s.put("producer.transaction.timeout.ms", "10000");
    return s;
  }

  private Path log(String name) {
    return dir.resolve("app-" + name + ".log");
  }

  /** Waits until each instance owns requests partitions; returns the victim's ("rela-b"). */
  private Set<TopicPartition> awaitBothAssigned(Admin admin, AppProcess survivor, AppProcess victim)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      assertFalse(died(survivor, "a") != null || died(victim, "b") != null, "an instance died");
      Map<String, Set<TopicPartition>> owned = new HashMap<>();
      for (MemberDescription member : members(admin)) {
        owned.put(member.clientId().substring(0, 6), member.assignment().topicPartitions());
      }
      Set<TopicPartition> a = owned.getOrDefault("rela-a", Set.of());
      Set<TopicPartition> b = owned.getOrDefault("rela-b", Set.of());
      if (a.size() + b.size() == 4 && !a.isEmpty() && !b.isEmpty()) {
        return b;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the two instances did not share the partitions within 120 s");
  }

  /** The group's members; none before the first instance has joined. */
  private static List<MemberDescription> members(Admin admin) throws InterruptedException {
    try {
      ConsumerGroupDescription group =
          admin.describeConsumerGroups(List.of(APP_ID)).describedGroups().get(APP_ID).get();
      return List.copyOf(group.members());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return List.of();
      }
      throw new IllegalStateException(e);
    }
  }

  /** Reads the committed outputs until {@code count} are there, telling {@code seen} of each. */
  private List<ConsumerRecord<byte[], byte[]>> readUntil(
      StreamsFixture fixture, int count, AppProcess survivor, OutputSeen seen) {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    OutputIds ids = new OutputIds(REGISTRY, DEAD_LETTER);
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = fixture.readCommitted(OUTPUTS)) {
      while (all.size() < count) {
        if (System.nanoTime() > deadline || died(survivor, "a") != null) {
          throw new AssertionError(
              "only " + all.size() + " of " + count + " outputs; " + died(survivor, "a"));
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          all.add(record);
          String id = ids.idOf(record);
          int at = id.lastIndexOf('@');
          int dash = id.lastIndexOf('-', at);
          seen.output(
              Integer.parseInt(id.substring(dash + 1, at)), Long.parseLong(id.substring(at + 1)));
        }
      }
    }
    return all;
  }

  /** Told of each output by the input partition and offset of its request. */
  @FunctionalInterface
  private interface OutputSeen {
    void output(int partition, long offset);
  }

  private String died(AppProcess app, String name) {
    if (app.isAlive()) {
      return null;
    }
    try {
      String text = Files.readString(log(name), StandardCharsets.UTF_8);
      return "instance " + name + " died:\n" + text.substring(Math.max(0, text.length() - 4000));
    } catch (java.io.IOException e) {
      return "instance " + name + " died (no log: " + e + ")";
    }
  }
}
