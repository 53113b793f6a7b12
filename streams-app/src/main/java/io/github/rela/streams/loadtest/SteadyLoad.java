package io.github.rela.streams.loadtest;

import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Requests at a steady rate, the sentences over and over, until stopped, and a count of the results
 * that come back. It keeps nothing per request, so that its own memory stays flat during a soak.
 */
final class SteadyLoad {

  private final AppSettings settings;
  private final List<String> sentences;
  private final double rate;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicLong arrived = new AtomicLong();
  private final CountDownLatch reading = new CountDownLatch(1);
  private final Thread producer = new Thread(this::produce, "soak-producer");
  private final Thread reader = new Thread(this::read, "soak-reader");

  SteadyLoad(AppSettings settings, List<String> sentences, double rate) {
    this.settings = settings;
    this.sentences = List.copyOf(sentences);
    this.rate = rate;
  }

  void start() throws InterruptedException {
    reader.start();
    reading.await();
    producer.start();
  }

  long arrived() {
    return arrived.get();
  }

  void stop() throws InterruptedException {
    stopped.set(true);
    producer.join();
    reader.join();
  }

  private String bootstrap() {
    return settings.kafka().get("bootstrap.servers").toString();
  }

  private void produce() {
    String topic = settings.rela().getString(RelaStreamsConfig.REQUESTS_TOPIC);
    try (KafkaProducer<String, String> out = StreamBenchmark.producer(bootstrap())) {
      long start = System.nanoTime();
      for (long i = 0; !stopped.get(); i++) {
        long due = start + (long) (i / rate * 1e9);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        String sentence = sentences.get((int) (i % sentences.size()));
        out.send(new ProducerRecord<>(topic, "soak-" + i, sentence));
      }
    }
  }

  private void read() {
    try (KafkaConsumer<byte[], byte[]> in =
        StreamBenchmark.resultsConsumer(bootstrap(), settings.rela().outputTopics())) {
      reading.countDown();
      while (!stopped.get()) {
        arrived.addAndGet(in.poll(Duration.ofMillis(100)).count());
      }
    }
  }
}
