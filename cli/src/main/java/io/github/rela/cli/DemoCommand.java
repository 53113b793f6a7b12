package io.github.rela.cli;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.DeadLetterDeserializer;
import io.github.rela.schemas.serde.TranslationResultDeserializer;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.inference.AlignedWords;
import io.github.rela.streams.local.LocalMode;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code rela demo}: {@code rela run} on the embedded default, plus a prompt. Each line typed is
 * sent to the requests topic as plain text; its result (translation, quality estimate, null rate,
 * sparsity, alignment) or dead letter is read back from the output topics and shown.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Starts the streaming translator on the embedded default (an in-process Kafka broker and"
          + " the shipped model) and lets you type sentences and watch their results arrive.",
      "Reads standard input, so it also works with a pipe: echo 'Ein Hund läuft.' | rela demo"
    })
public final class DemoCommand implements Callable<Integer> {

  private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RunOptions options;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalMode local = LocalMode.prepare(options.settings());
        StreamsApp app = StreamsApp.start(local.settings())) {
      AppSettings settings = app.settings();
      out.println(
          "Kafka at "
              + settings.kafka().get("bootstrap.servers")
              + ", schema registry at "
              + settings.kafka().get("schema.registry.url")
              + ". Starting (the first batch loads the model)...");
      app.awaitRunning(Duration.ofSeconds(120));
      try (KafkaProducer<String, String> producer = producer(settings);
          KafkaConsumer<byte[], byte[]> consumer = consumer(settings)) {
        ResultPrinter printer = new ResultPrinter(settings, out);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.print("de> ");
        out.flush();
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.isBlank()) {
            out.print("de> ");
            out.flush();
            continue;
          }
          String key = "demo-" + (++n);
          producer
              .send(
                  new ProducerRecord<>(
                      settings.rela().getString(RelaStreamsConfig.REQUESTS_TOPIC), key, line))
              .get();
          printer.awaitAndPrint(consumer, key);
          out.print("de> ");
          out.flush();
        }
        out.println();
      }
    }
    return 0;
  }

  private static KafkaProducer<String, String> producer(AppSettings settings) {
    Map<String, Object> config = new HashMap<>(clientSettings(settings));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(config);
  }

  /** Reads all output partitions from their current end, committed records only. */
  private static KafkaConsumer<byte[], byte[]> consumer(AppSettings settings) {
    Map<String, Object> config = new HashMap<>(clientSettings(settings));
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
    List<TopicPartition> partitions =
        settings.rela().outputTopics().stream()
            .flatMap(t -> consumer.partitionsFor(t).stream())
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  /** Connection and security settings only, so the demo's clients reach the same cluster. */
  private static Map<String, Object> clientSettings(AppSettings settings) {
    return settings.kafka().entrySet().stream()
        .filter(
            e ->
                e.getKey().equals("bootstrap.servers")
                    || e.getKey().startsWith("security.")
                    || e.getKey().startsWith("sasl.")
                    || e.getKey().startsWith("ssl."))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Decodes and prints the output record of one request. */
  private static final class ResultPrinter {

    private final AppSettings settings;
    private final PrintWriter out;
    private final TranslationResultDeserializer results = new TranslationResultDeserializer();
    private final DeadLetterDeserializer deadLetters = new DeadLetterDeserializer();

    ResultPrinter(AppSettings settings, PrintWriter out) {
      this.settings = settings;
      this.out = out;
      results.configure(settings.kafka(), false);
      deadLetters.configure(settings.kafka(), false);
    }

    void awaitAndPrint(KafkaConsumer<byte[], byte[]> consumer, String key) {
      long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.key() != null
              && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            print(record);
            return;
          }
        }
      }
      out.println("   (no result within " + RESULT_TIMEOUT.toSeconds() + " s)");
    }

    private void print(ConsumerRecord<byte[], byte[]> record) {
      if (record.topic().equals(settings.rela().getString(RelaStreamsConfig.DEAD_LETTER_TOPIC))) {
        DeadLetter letter = deadLetters.deserialize(record.topic(), record.value());
        out.printf("   dead letter: %s: %s%n", letter.getErrorCode(), letter.getErrorMessage());
        return;
      }
      TranslationResult r = results.deserialize(record.topic(), record.value());
      out.printf("%s> %s%n", r.getTargetLanguage(), r.getTranslation());
      out.printf(
          Locale.ROOT,
          "   %snull rate %.3f  sparsity %.3f  score %.3f  %d ms%s%n",
          r.getQuality() == null
              ? ""
              : String.format(Locale.ROOT, "quality %.1f (estimated chrF)  ", r.getQuality()),
          r.getNullRate(),
          r.getSparsity(),
          r.getScore(),
          r.getLatencies().getTotalMillis(),
          r.getLowConfidence() ? "  LOW CONFIDENCE (" + r.getLowConfidenceReason() + ")" : "");
      out.println("   alignment: " + alignment(r));
    }

    /** Each target word with the source word it attends to most. */
    private static String alignment(TranslationResult r) {
      return AlignedWords.of(r.getSourceTokens(), r.getTargetTokens(), r.getAlignment()).stream()
          .map(p -> p.target() + "=" + (p.source() == null ? "(null)" : p.source()))
          .collect(Collectors.joining(" "));
    }
  }
}
