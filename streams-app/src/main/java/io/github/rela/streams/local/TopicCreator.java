package io.github.rela.streams.local;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
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
   * The same with the application's client settings (the cluster's address and its security
   * settings); settings that are not the admin client's are left out.
   */
  public static List<String> createMissing(
      Map<String, Object> clientSettings,
      Collection<String> topics,
      int partitions,
      short replication) {
    Object bootstrapServers = clientSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    try (Admin admin = Admin.create(ClusterAccess.adminSettings(clientSettings))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          topics.stream()
              .distinct()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, partitions, replication))
              .toList();
      admin.createTopics(missing).all().get();
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics " + topics, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot create topics " + topics + " on " + bootstrapServers + ": " + e.getCause(), e);
    }
  }
}
