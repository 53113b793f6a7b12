package io.github.rela.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's trust and key stores load as configured, and bad ones name their setting. */
class TlsSettingsTest {

  @TempDir Path dir;

  @Test
  void shouldBuildAContextFromAPkcs12TrustStore() throws Exception {
    // Given a PKCS12 trust store protected by a password
    Path store = writeStore("pw");
    TlsSettings tls = new TlsSettings(store.toString(), "pw", "PKCS12", null, null, "JKS", null);

    // When the context is built
    SSLContext context = tls.sslContext();

    // Then it is a TLS context
    assertEquals("TLS", context.getProtocol());
  }

  @Test
  void shouldNameTheSettingOfAStoreThatCannotBeRead() throws Exception {
    // Given a trust store opened with the wrong password
    Path store = writeStore("pw");
    TlsSettings tls = new TlsSettings(store.toString(), "wrong", "PKCS12", null, null, "JKS", null);

    // When the context is built
    ConfigException e = assertThrows(ConfigException.class, tls::sslContext);

    // Then the message names the setting
    assertTrue(e.getMessage().contains("schema.registry.ssl.truststore.location"), e.getMessage());
  }

  private Path writeStore(String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }
}
