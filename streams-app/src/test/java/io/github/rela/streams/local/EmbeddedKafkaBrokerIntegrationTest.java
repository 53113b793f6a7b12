package io.github.rela.streams.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIntegrationTest {

  @TempDir Path dataDir;

  @Test
  void shouldServeTransactionsAndKeepDataAcrossRestarts() throws Exception {
    // Given a fresh embedded broker with one topic
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0).start()) {
      List<String> created =
          TopicCreator.createMissing(broker.bootstrapServers(), List.of("greetings"), 2, (short) 1);
      assertEquals(List.of("greetings"), created);

      // When a transactional producer commits a record
      try (KafkaProducer<String, String> producer = transactionalProducer(broker)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("greetings", "k1", "Hallo Welt"));
        producer.commitTransaction();
      }

      // Then a read_committed consumer sees it
      assertEquals(List.of("Hallo Welt"), readAll(broker, "greetings", 1));
    }

    // And after a restart on the same directory the topic and its record are still there
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0).start()) {
      List<String> created =
          TopicCreator.createMissing(broker.bootstrapServers(), List.of("greetings"), 2, (short) 1);
      assertEquals(List.of(), created);
      assertEquals(List.of("Hallo Welt"), readAll(broker, "greetings", 1));
    }
  }

  private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "embedded-broker-test",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class));
  }

  private static List<String> readAll(EmbeddedKafkaBroker broker, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "reader-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (values.size() < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
