package io.github.rela.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * Trust store and key store for an {@code https://} registry, as Confluent's {@code
 * schema.registry.ssl.*} settings name them. A null location means the JDK default (the system
 * trust store, no client certificate).
 *
 * @param truststoreLocation path of the trust store, or null
 * @param truststorePassword its password, or null
 * @param truststoreType {@code JKS} or {@code PKCS12}
 * @param keystoreLocation path of the key store holding the client certificate, or null
 * @param keystorePassword its password, or null
 * @param keystoreType {@code JKS} or {@code PKCS12}
 * @param keyPassword password of the private key; null means the key store password
 */
public record TlsSettings(
    String truststoreLocation,
    String truststorePassword,
    String truststoreType,
    String keystoreLocation,
    String keystorePassword,
    String keystoreType,
    String keyPassword) {

  /** No custom stores: the JDK defaults. */
  public static final TlsSettings DEFAULT =
      new TlsSettings(null, null, "JKS", null, null, "JKS", null);

  /** True when neither store is set, so the JDK's default SSL context applies. */
  public boolean isDefault() {
    return truststoreLocation == null && keystoreLocation == null;
  }

  /**
   * Builds the SSL context from the configured stores.
   *
   * @throws ConfigException naming the setting whose store cannot be read
   */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(), trustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("Cannot build the registry's SSL context: " + e.getMessage());
    }
  }

  private TrustManager[] trustManagers() throws GeneralSecurityException {
    if (truststoreLocation == null) {
      return null;
    }
    KeyStore store =
        load(
            "schema.registry.ssl.truststore.location",
            truststoreLocation,
            truststorePassword,
            truststoreType);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private KeyManager[] keyManagers() throws GeneralSecurityException {
    if (keystoreLocation == null) {
      return null;
    }
    KeyStore store =
        load(
            "schema.registry.ssl.keystore.location",
            keystoreLocation,
            keystorePassword,
            keystoreType);
    String password = keyPassword != null ? keyPassword : keystorePassword;
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password == null ? null : password.toCharArray());
    return factory.getKeyManagers();
  }

  private static KeyStore load(String setting, String location, String password, String type) {
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password == null ? null : password.toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(setting, location, "cannot load " + type + " store: " + e);
    }
  }
}
