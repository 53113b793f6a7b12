package io.github.rela.streams.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start-up that the cluster answers the application's client settings, so that wrong
 * security settings stop start-up within seconds with the cause named, instead of Kafka's clients
 * retrying in the background: failed authentication (SASL or TLS), a TLS listener reached with
 * PLAINTEXT, client settings that cannot work (a SASL mechanism without {@code sasl.jaas.config}).
 * A cluster that does not answer yet is waited for, as long as Kafka's default API timeout.
 */
public final class ClusterAccess {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterAccess.class);
  private static final Duration ATTEMPT = Duration.ofSeconds(4);
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int TLS_ALERT = 0x15;

  private ClusterAccess() {}

  /** The settings among {@code clientSettings} that an admin client takes. */
  static Map<String, Object> adminSettings(Map<String, ?> clientSettings) {
    Map<String, Object> admin = new HashMap<>();
    clientSettings.forEach(
        (key, value) -> {
          if (AdminClientConfig.configNames().contains(key)) {
            admin.put(key, value);
          }
        });
    return admin;
  }

  /** Returns once the cluster answers; throws with the cause named when it cannot. */
  public static void check(Map<String, Object> clientSettings) {
    String servers =
        String.valueOf(clientSettings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    String protocol =
        String.valueOf(
            clientSettings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    try (Admin admin = create(clientSettings)) {
      while (true) {
        try {
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) ATTEMPT.toMillis()))
              .clusterId()
              .get();
          return;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (!(cause instanceof TimeoutException)) {
            throw new IllegalStateException(explain(servers, protocol, clientSettings, cause), e);
          }
          if (!protocol.endsWith("SSL") && expectsTls(servers)) {
            throw new IllegalStateException(
                "The Kafka cluster at "
                    + servers
                    + " expects TLS, but security.protocol is "
                    + protocol
                    + ": set security.protocol=SSL or SASL_SSL, ssl.truststore.location and, for"
                    + " SASL_SSL, sasl.mechanism and sasl.jaas.config");
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "No Kafka broker answered at "
                    + servers
                    + " within "
                    + PATIENCE.toSeconds()
                    + " s (security.protocol="
                    + protocol
                    + ")",
                cause);
          }
          LOG.warn("No Kafka broker answers at {} yet; still trying", servers);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while connecting to " + servers, e);
    }
  }

  private static Admin create(Map<String, Object> clientSettings) {
    try {
      return Admin.create(adminSettings(clientSettings));
    } catch (KafkaException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalStateException(
          "The Kafka client settings cannot work: " + root.getMessage(), e);
    }
  }

  private static String explain(
      String servers, String protocol, Map<String, Object> settings, Throwable cause) {
    if (cause instanceof AuthenticationException) {
      return "Authentication to the Kafka cluster at "
          + servers
          + " failed (security.protocol="
          + protocol
          + ", sasl.mechanism="
          + settings.getOrDefault(SaslConfigs.SASL_MECHANISM, SaslConfigs.DEFAULT_SASL_MECHANISM)
          + "): "
          + cause.getMessage()
          + ". Check the user and password in sasl.jaas.config and, for TLS, ssl.truststore.*";
    }
    if (cause instanceof AuthorizationException) {
      return "The Kafka cluster at "
          + servers
          + " refused access: "
          + cause.getMessage()
          + ". The application's user needs ACLs on its topics, group and transactional ids";
    }
    return "Cannot reach the Kafka cluster at " + servers + ": " + cause;
  }

  /**
   * Whether the first of {@code servers} answers a plaintext Kafka request with a TLS alert, as a
   * TLS listener does.
   */
  static boolean expectsTls(String servers) {
    String first = servers.split(",")[0].strip();
    int colon = first.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
          (int) ATTEMPT.toMillis());
      socket.setSoTimeout((int) ATTEMPT.toMillis());
      OutputStream out = socket.getOutputStream();
      // A size, then the header of an ApiVersions request: what a PLAINTEXT client sends first.
      out.write(new byte[] {0, 0, 0, 8, 0, 18, 0, 0, 0, 0, 0, 1});
      out.flush();
      InputStream in = socket.getInputStream();
      return in.read() == TLS_ALERT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
