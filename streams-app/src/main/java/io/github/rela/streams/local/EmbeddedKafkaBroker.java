package io.github.rela.streams.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM: the
 * embedded default of {@code rela run} and {@code rela demo}, and the broker of the integration
 * tests. Its log directory is kept between runs, so topics and offsets survive a restart.
 *
 * <p>It is formatted with {@link StorageTool} and started as a {@link KafkaRaftServer}, never
 * through {@code Kafka.main}, which would call {@code System.exit}. Replication factors are 1 and
 * the transaction log accepts one in-sync replica, so that exactly-once works on one node.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private Listener extra;
  private KafkaRaftServer server;

  /** A client listener beside PLAINTEXT, e.g. SASL_SSL, with the broker settings it needs. */
  private record Listener(String name, String protocol, int port, Map<String, String> settings) {}

  /**
   * @param dataDir where the broker keeps its logs and metadata (created when missing)
   * @param brokerPort the client port on 127.0.0.1, 0 for any free port
   */
  public EmbeddedKafkaBroker(Path dataDir, int brokerPort) {
    this.dataDir = dataDir.toAbsolutePath();
    int[] free = FreePorts.pick(2); // two distinct ports: Kafka refuses two listeners on one
    this.brokerPort = brokerPort == 0 ? free[0] : brokerPort;
    this.controllerPort = free[1] != this.brokerPort ? free[1] : free[0];
  }

  /**
   * Adds a client listener on 127.0.0.1:{@code port} before {@link #start()}: e.g. {@code SASL_SSL}
   * with its TLS, SASL and authorizer settings. The PLAINTEXT listener stays, for the broker itself
   * and for {@link #bootstrapServers()}.
   */
  public EmbeddedKafkaBroker withListener(
      String name, String protocol, int port, Map<String, String> settings) {
    this.extra = new Listener(name, protocol, port, Map.copyOf(settings));
    return this;
  }

  /** Formats the log directory on first use, starts the broker and waits until it serves. */
  public EmbeddedKafkaBroker start() {
    Properties config = brokerConfig();
    Path configFile = writeConfig(config);
    format(configFile);
    server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
    server.startup();
    awaitReady();
    LOG.info("Embedded Kafka broker serving on {} (data in {})", bootstrapServers(), dataDir);
    return this;
  }

  /** The {@code bootstrap.servers} value for clients of this broker. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  private Properties brokerConfig() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("kraft").toString());
    // One node: every internal topic has one replica, and transactions need only that one.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    if (extra != null) {
      String endpoint = extra.name() + "://127.0.0.1:" + extra.port();
      p.put("listeners", p.get("listeners") + "," + endpoint);
      p.put("advertised.listeners", p.get("advertised.listeners") + "," + endpoint);
      p.put(
          "listener.security.protocol.map",
          p.get("listener.security.protocol.map") + "," + extra.name() + ":" + extra.protocol());
      p.putAll(extra.settings());
    }
    return p;
  }

  private Path writeConfig(Properties config) {
    try {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve("server.properties");
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        config.store(out, "Written by rela's embedded broker at each start");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the embedded broker's config in " + dataDir, e);
    }
  }

  /** Formats the storage once; later starts find it formatted and keep their data. */
  private void format(Path configFile) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String[] args = {
      "format", "--cluster-id", clusterId(), "--config", configFile.toString(), "--ignore-formatted"
    };
    int code;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      code = StorageTool.execute(args, out);
    }
    if (code != 0) {
      throw new IllegalStateException(
          "Formatting the embedded broker's storage in " + dataDir + " failed: " + output);
    }
  }

  /** The cluster id is chosen once and kept beside the logs: a restart must present the same. */
  private String clusterId() {
    Path file = dataDir.resolve("cluster.id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      String id = Uuid.randomUuid().toString();
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  private void awaitReady() {
    Map<String, Object> admin =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) READY_TIMEOUT.toMillis());
    try (Admin client = Admin.create(admin)) {
      client.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the embedded broker", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      close();
      throw new IllegalStateException(
          "The embedded broker did not become ready within " + READY_TIMEOUT, e);
    }
  }
}
