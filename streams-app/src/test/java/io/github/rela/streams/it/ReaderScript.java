package io.github.rela.streams.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rela.evaluation.corpus.DataPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A third-party reader of our topics, run as its own process: the Node script (Confluent's
 * JavaScript Schema Registry client with kafkajs) or the Python one (confluent-kafka with
 * python3-avro), each printing one JSON line per record.
 *
 * @param command the program and script, without the reader's options
 * @param directory where it runs
 */
record ReaderScript(List<String> command, Path directory) {

  static final Path ROOT = DataPaths.repositoryRoot(Path.of(""));
  static final Path NODE_DIR = ROOT.resolve("streams-app/src/test/node");
  static final Path PYTHON_SCRIPT = ROOT.resolve("streams-app/src/test/python/read_results.py");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The Node reader, or empty when node or the packages of {@code npm ci} are missing. */
  static Optional<ReaderScript> node() {
    boolean installed =
        Files.isDirectory(NODE_DIR.resolve("node_modules/@confluentinc/schemaregistry"))
            && Files.isDirectory(NODE_DIR.resolve("node_modules/kafkajs"));
    if (!installed || !runs(List.of("node", "--version"))) {
      return Optional.empty();
    }
    return Optional.of(new ReaderScript(List.of("node", "read-results.js"), NODE_DIR));
  }

  /**
   * The Python reader, or empty when no interpreter has confluent_kafka's SchemaRegistryClient and
   * avro (Debian's packages go to /usr/bin/python3, which may not be the first on the PATH).
   */
  static Optional<ReaderScript> python() {
    String probe =
        "from confluent_kafka.schema_registry import SchemaRegistryClient; import avro.io";
    for (String python : List.of("/usr/bin/python3", "python3")) {
      if (runs(List.of(python, "-c", probe))) {
        return Optional.of(
            new ReaderScript(
                List.of(python, PYTHON_SCRIPT.getFileName().toString()),
                PYTHON_SCRIPT.getParent()));
      }
    }
    return Optional.empty();
  }

  /** Runs the reader until it has printed {@code count} records; fails with its error output. */
  List<JsonNode> read(String bootstrap, String registry, List<String> topics, int count)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(command);
    full.addAll(
        List.of(
            "--bootstrap",
            bootstrap,
            "--registry",
            registry,
            "--topics",
            String.join(",", topics),
            "--count",
            Integer.toString(count)));
    Path out = Files.createTempFile("rela-reader", ".out");
    Path err = Files.createTempFile("rela-reader", ".err");
    try {
      Process process =
          new ProcessBuilder(full)
              .directory(directory.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(Duration.ofSeconds(150).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(full + " did not finish:\n" + Files.readString(err));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            full + " failed (" + process.exitValue() + "):\n" + Files.readString(err));
      }
      List<JsonNode> records = new ArrayList<>();
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        records.add(JSON.readTree(line));
      }
      return records;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static boolean runs(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
