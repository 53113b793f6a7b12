package io.github.rela.streams.local;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the topics the application needs, leaving existing ones as they are. */
public final class TopicCreator {

  private TopicCreator() {}

  /**
   * Creates each missing topic with the given partitions and replication factor.
   *
   * @return the names of the topics that were created
   */
  public static List<String> createMissing(
      String bootstrapServers, Collection<String> topics, int partitions, short replication) {
    return createMissing(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        topics,
        partitions,
        replication);
  }

  /**
   * Creates each missing topic on the cluster of {@code clientSettings} (its address and security
   * settings are used), failing within seconds, naming the address, when no broker answers.
   *
   * @return the names of the topics that were created
   */
  public static List<String> createMissing(
      Map<String, ?> clientSettings, Collection<String> topics, int partitions, short replication) {
    long timeout = BrokerCheck.TIMEOUT.toMillis();
    try (Admin admin = Admin.create(BrokerCheck.adminSettings(clientSettings))) {
      Set<String> existing = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
      List<NewTopic> missing =
          topics.stream()
              .distinct()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, partitions, replication))
              .toList();
      admin.createTopics(missing).all().get(timeout, TimeUnit.MILLISECONDS);
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics " + topics, e);
    } catch (TimeoutException e) {
      throw BrokerCheck.noBroker(clientSettings, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw BrokerCheck.noBroker(clientSettings, e);
      }
      throw new IllegalStateException(
          "Cannot create topics "
              + topics
              + " on "
              + clientSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
              + ": "
              + e.getCause(),
          e);
    }
  }
}
