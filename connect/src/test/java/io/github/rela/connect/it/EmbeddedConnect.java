package io.github.rela.connect.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A real single-node KRaft broker and a real standalone Connect worker in the test JVM, the worker
 * loading plugins from {@code pluginPath} by their {@code META-INF/services} entries only (KIP-898
 * {@code plugin.discovery=service_load}), as a production worker would.
 */
final class EmbeddedConnect implements AutoCloseable {

  private final KafkaClusterTestKit cluster;
  private final Connect<StandaloneHerder> connect;

  private EmbeddedConnect(KafkaClusterTestKit cluster, Connect<StandaloneHerder> connect) {
    this.cluster = cluster;
    this.connect = connect;
  }

  /** Starts the broker, then a worker with its offsets in {@code dir}. */
  static EmbeddedConnect start(Path dir, Path pluginPath) throws Exception {
    // A worker that fails to start calls Exit.exit: fail the test instead of ending the JVM.
    Exit.setExitProcedure(
        (status, message) -> {
          throw new IllegalStateException("Connect exited with " + status + ": " + message);
        });
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      Map<String, String> worker = new HashMap<>();
      worker.put("bootstrap.servers", cluster.bootstrapServers());
      worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
      worker.put("offset.storage.file.filename", dir.resolve("offsets").toString());
      worker.put("offset.flush.interval.ms", "500");
      worker.put("listeners", "http://127.0.0.1:0");
      worker.put("plugin.path", pluginPath.toString());
      worker.put("plugin.discovery", "service_load");
      return new EmbeddedConnect(cluster, new ConnectStandalone().startConnect(worker));
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  Herder herder() {
    return connect.herder();
  }

  void createTopics(String... names) throws Exception {
    try (Admin admin = cluster.admin()) {
      List<NewTopic> topics =
          java.util.Arrays.stream(names).map(name -> new NewTopic(name, 1, (short) 1)).toList();
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** Creates a connector and waits until its tasks run. */
  void startConnector(String name, Map<String, String> config) throws Exception {
    Map<String, String> named = new HashMap<>(config);
    named.put("name", name);
    FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
    connect.herder().putConnectorConfig(name, named, false, created);
    created.get(60, TimeUnit.SECONDS);
    await(
        Duration.ofSeconds(60),
        () -> {
          ConnectorStateInfo status = connect.herder().connectorStatus(name);
          return !status.tasks().isEmpty()
              && status.tasks().stream().allMatch(task -> task.state().equals("RUNNING"));
        },
        () -> "tasks of " + name + " running: " + connect.herder().connectorStatus(name));
  }

  /** The state of the connector's first task, e.g. RUNNING or FAILED with its trace. */
  String taskState(String name) {
    ConnectorStateInfo.TaskState task = connect.herder().connectorStatus(name).tasks().get(0);
    return task.state() + (task.trace() == null ? "" : ": " + task.trace());
  }

  /** Polls {@code condition} every 100 ms until it holds, or fails after {@code timeout}. */
  static void await(
      Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      connect.stop();
      connect.awaitStop();
    } finally {
      cluster.close();
      Exit.resetExitProcedure();
    }
  }
}
