package io.github.rela.streams.local;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Fails fast, naming the address, when no broker answers: Kafka's clients otherwise wait a minute
 * or more (a producer for metadata, a consumer for partitions) and print nothing meanwhile.
 */
public final class BrokerCheck {

  /** How long a command waits for a broker before it gives up. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private BrokerCheck() {}

  /**
   * Admin settings for the cluster of {@code clientSettings} (those an admin client takes, its
   * address and security settings among them), with timeouts short enough to fail within {@link
   * #TIMEOUT}.
   */
  public static Map<String, Object> adminSettings(Map<String, ?> clientSettings) {
    Map<String, Object> admin = ClusterAccess.adminSettings(clientSettings);
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return admin;
  }

  /**
   * Returns when a broker of {@code clientSettings}' cluster answers; otherwise throws, within
   * about {@link #TIMEOUT}, an exception whose message names the address.
   */
  public static void requireBroker(Map<String, ?> clientSettings) {
    try (Admin admin = Admin.create(adminSettings(clientSettings))) {
      admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw noBroker(clientSettings, e);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw noBroker(clientSettings, e);
    }
  }

  /** The error for a cluster that did not answer. */
  static IllegalStateException noBroker(Map<String, ?> clientSettings, Exception cause) {
    return new IllegalStateException(
        "No Kafka broker answered at "
            + clientSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
            + " within "
            + TIMEOUT.toSeconds()
            + " s: start one ('rela run' serves one) or pass --bootstrap-servers ("
            + (cause.getCause() != null ? cause.getCause() : cause)
            + ")",
        cause);
  }
}
