package io.github.rela.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.serde.SerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code https} registry with a self-signed certificate is reached through the trust store named
 * by {@code schema.registry.ssl.truststore.*}, and refused without it.
 */
class TlsRegistryTest {

  private static final String PASSWORD = "changeit";

  @TempDir static Path dir;
  private static StubRegistry registry;
  private static Path trustStore;

  @BeforeAll
  static void startHttpsRegistry() throws Exception {
    KeyStore server = load(generateServerKeyStore());
    trustStore = writeTrustStore(server);
    registry = new StubRegistry(serverContext(server)).answer(200, "{\"id\":8}");
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldTrustTheRegistryThroughTheConfiguredTrustStore() {
    // Given the settings a user would write
    Map<String, String> configs =
        Map.of(
            "schema.registry.url",
            registry.url(),
            "schema.registry.ssl.truststore.location",
            trustStore.toString(),
            "schema.registry.ssl.truststore.password",
            PASSWORD,
            "schema.registry.ssl.truststore.type",
            "PKCS12");
    var client = new HttpSchemaRegistryClient(SerdeConfig.from(configs, false).registry());

    // When a schema is registered over TLS
    int id = client.register("t-value", TranslationRequest.getClassSchema());

    // Then the registry answered
    assertEquals(8, id);
  }

  @Test
  void shouldRefuseARegistryItDoesNotTrust() {
    // Given no trust store: the JDK's default trusts no self-signed certificate
    var client =
        new HttpSchemaRegistryClient(
            SerdeConfig.from(Map.of("schema.registry.url", registry.url()), false).registry());

    // When a call is made
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () -> client.register("t-value", TranslationRequest.getClassSchema()));

    // Then the handshake failed and nothing reached the handler
    assertTrue(e.isUnavailable(), e.getMessage());
    assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
  }

  /** A PKCS12 key store with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  private static Path generateServerKeyStore() throws IOException, InterruptedException {
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "registry",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool timed out");
    assertEquals(0, keytool.exitValue(), output);
    return store;
  }

  private static Path writeTrustStore(KeyStore server) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("registry", server.getCertificate("registry"));
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  private static KeyStore load(Path file) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static SSLContext serverContext(KeyStore server) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(server, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
