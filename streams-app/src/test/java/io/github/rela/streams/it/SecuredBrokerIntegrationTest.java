package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.local.EmbeddedKafkaBroker;
import io.github.rela.streams.local.FreePorts;
import io.github.rela.streams.local.LocalMode;
import io.github.rela.streams.local.TopicCreator;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.StreamsFixture;
import io.github.rela.streams.testing.TinyCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application against a broker whose client listener requires SASL_SSL (SCRAM-SHA-512 over TLS,
 * a self-signed certificate made with the JDK's keytool) and authorizes with ACLs
 * (StandardAuthorizer, nothing allowed without an ACL). With the right credentials it translates;
 * with a wrong password, without security settings, or without SASL credentials, start-up stops
 * within seconds with the cause named. The broker's PLAINTEXT listener (its own, a super user's) is
 * what the test sets up and reads through.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecuredBrokerIntegrationTest {

  private static final String APP_ID = "secured-it";
  private static final String USER = "rela";
  private static final String PASSWORD = "rela-secret";
  private static final String STORE_PASSWORD = "store-secret";

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static String secured;
  private static Path models;

  @BeforeAll
  static void startSecuredBroker() throws Exception {
    Path keystore = dir.resolve("broker.p12");
    Path truststore = dir.resolve("trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=IP:127.0.0.1,DNS:localhost",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    Path certificate = dir.resolve("broker.crt");
    keytool(
        "-exportcert",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        certificate.toString(),
        "-keystore",
        truststore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD);

    models = TinyCheckpoint.write(dir.resolve("models"));
    int port = FreePorts.pick();
    secured = "127.0.0.1:" + port;
    Map<String, String> listener = new TreeMap<>();
    listener.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    listener.put(
        "listener.name.secure.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    listener.put("listener.name.secure.ssl.keystore.location", keystore.toString());
    listener.put("listener.name.secure.ssl.keystore.password", STORE_PASSWORD);
    listener.put("listener.name.secure.ssl.keystore.type", "PKCS12");
    listener.put("listener.name.secure.ssl.key.password", STORE_PASSWORD);
    listener.put(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    // The broker, its controller and this test use the PLAINTEXT listeners as ANONYMOUS.
    listener.put("super.users", "User:ANONYMOUS");
    listener.put("allow.everyone.if.no.acl.found", "false");
    broker =
        new EmbeddedKafkaBroker(dir.resolve("kafka"), 0)
            .withListener("SECURE", "SASL_SSL", port, listener)
            .start();
    TopicCreator.createMissing(broker.bootstrapServers(), StreamsFixture.TOPICS, 1, (short) 1);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD)))
          .all()
          .get();
      admin.createAcls(applicationAcls()).all().get();
    }
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldTranslateWithTheRightCredentials() throws Exception {
    // Given the application with its user's SCRAM credentials and the broker's trust store
    Map<String, String> settings = settings("right");
    settings.put("sasl.jaas.config", jaas(USER, PASSWORD));
    try (LocalMode local = LocalMode.prepare(ConfigLoader.load(null, Map.of(), settings));
        StreamsApp app = StreamsApp.start(local.settings())) {
      app.awaitRunning(Duration.ofSeconds(60));

      // When three requests arrive
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                  ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                  ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
        for (String text : List.of("ein hund", "eine katze", "ein mann im park")) {
          producer.send(new ProducerRecord<>("translation-requests", text, text)).get();
        }
      }

      // Then three results come back through the secured listener, committed
      assertEquals(3, readResults(3, Duration.ofSeconds(90)));
    }
  }

  @Test
  void shouldStopStartUpWithinSecondsOnAWrongPassword() {
    Map<String, String> settings = settings("wrong");
    settings.put("sasl.jaas.config", jaas(USER, "not-the-password"));

    String message = failedStartUp(settings);

    assertTrue(message.contains("Authentication"), message);
    assertTrue(message.contains("SCRAM-SHA-512"), message);
  }

  @Test
  void shouldStopStartUpWithinSecondsWithoutSecuritySettings() {
    Map<String, String> settings = settings("none");
    settings.remove("security.protocol");
    settings.remove("sasl.mechanism");

    String message = failedStartUp(settings);

    assertTrue(message.contains("expects TLS"), message);
    assertTrue(message.contains("security.protocol is PLAINTEXT"), message);
  }

  @Test
  void shouldStopStartUpWithinSecondsWithoutSaslCredentials() {
    String message = failedStartUp(settings("no-jaas"));

    assertTrue(message.contains("cannot work"), message);
    assertTrue(message.contains("JAAS"), message);
  }

  /** Starts the application, expecting it to fail within 10 s; returns the message. */
  private static String failedStartUp(Map<String, String> settings) {
    long start = System.nanoTime();
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (LocalMode local =
                      LocalMode.prepare(ConfigLoader.load(null, Map.of(), settings));
                  StreamsApp app = StreamsApp.start(local.settings())) {
                app.awaitRunning(Duration.ofSeconds(60));
              }
            });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("Start-up stopped after %.1f s: %s%n", seconds, failure.getMessage());
    assertTrue(seconds < 10, "took " + seconds + " s");
    return failure.getMessage();
  }

  /** The secured listener's settings without SASL credentials. */
  private static Map<String, String> settings(String name) {
    Map<String, String> s = new TreeMap<>();
    s.put("bootstrap.servers", secured);
    s.put("security.protocol", "SASL_SSL");
    s.put("sasl.mechanism", "SCRAM-SHA-512");
    s.put("ssl.truststore.location", dir.resolve("trust.p12").toString());
    s.put("ssl.truststore.password", STORE_PASSWORD);
    s.put("ssl.truststore.type", "PKCS12");
    s.put("application.id", APP_ID);
    s.put("schema.registry.url", "mock://" + APP_ID);
    s.put("state.dir", dir.resolve("state-" + name).toString());
    s.put("rela.models.dir", models.toString());
    s.put("rela.topic.partitions", "1");
    s.put("rela.decode.threads", "1");
    s.put("rela.low.confidence.routing", "both");
    return s;
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * What the application's user may do, and no more: its topics, its internal topics, consumer
   * group and transactional ids (all named after application.id).
   */
  private static List<AclBinding> applicationAcls() {
    List<AclBinding> acls = new ArrayList<>();
    AccessControlEntry all =
        new AccessControlEntry("User:" + USER, "*", AclOperation.ALL, AclPermissionType.ALLOW);
    for (ResourcePattern pattern :
        List.of(
            new ResourcePattern(ResourceType.TOPIC, "translation-", PatternType.PREFIXED),
            new ResourcePattern(ResourceType.TOPIC, APP_ID, PatternType.PREFIXED),
            new ResourcePattern(ResourceType.GROUP, APP_ID, PatternType.PREFIXED),
            new ResourcePattern(ResourceType.TRANSACTIONAL_ID, APP_ID, PatternType.PREFIXED))) {
      acls.add(new AclBinding(pattern, all));
    }
    return acls;
  }

  /** Committed results read through the PLAINTEXT listener, until {@code count} or the timeout. */
  private static int readResults(int count, Duration timeout) {
    int seen = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        StreamsFixture.readCommitted(broker.bootstrapServers(), List.of("translation-results"))) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen < count && System.nanoTime() < deadline) {
        seen += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return seen;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + ":\n" + output);
    }
  }
}
