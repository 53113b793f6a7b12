package io.github.rela.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The serdes read Confluent's keys with Confluent's defaults, and name bad settings. */
class SerdeConfigTest {

  @Test
  void shouldApplyConfluentDefaults() {
    // Given only the registry URL
    SerdeConfig config = SerdeConfig.from(Map.of("schema.registry.url", "http://r:8081"), false);

    // Then
    assertTrue(config.autoRegister());
    assertFalse(config.useLatestVersion());
    assertTrue(config.plainTextInput());
    assertEquals(List.of("http://r:8081"), config.registry().urls());
    assertNull(config.registry().userInfo());
    assertTrue(config.registry().tls().isDefault());
    assertEquals(Duration.ofSeconds(60), config.registry().requestTimeout());
  }

  @Test
  void shouldSplitACommaSeparatedUrlList() {
    SerdeConfig config =
        SerdeConfig.from(Map.of("schema.registry.url", "http://a:8081, http://b:8081"), false);
    assertEquals(List.of("http://a:8081", "http://b:8081"), config.registry().urls());
  }

  @Test
  void shouldRequireTheRegistryUrlUnlessAClientIsGiven() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> SerdeConfig.from(Map.of(), false));
    assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
    assertNull(SerdeConfig.from(Map.of(), true).registry());
  }

  @Test
  void shouldTakeBasicAuthFromUserInfo() {
    // Given Confluent's USER_INFO settings
    Map<String, String> configs =
        Map.of(
            "schema.registry.url", "https://r:8081",
            "basic.auth.credentials.source", "USER_INFO",
            "basic.auth.user.info", "alice:s3cret");

    // Then
    assertEquals("alice:s3cret", SerdeConfig.from(configs, false).registry().userInfo());
  }

  @Test
  void shouldTakeBasicAuthFromTheUrlByDefault() {
    SerdeConfig config =
        SerdeConfig.from(Map.of("schema.registry.url", "http://bob:pw@r:8081"), false);
    assertEquals("bob:pw", config.registry().userInfo());
  }

  @Test
  void shouldNameTheSettingWhenUserInfoIsMissing() {
    Map<String, String> configs =
        Map.of(
            "schema.registry.url", "http://r:8081", "basic.auth.credentials.source", "USER_INFO");
    ConfigException e = assertThrows(ConfigException.class, () -> SerdeConfig.from(configs, false));
    assertTrue(e.getMessage().contains("basic.auth.user.info"), e.getMessage());
  }

  @Test
  void shouldRejectAnUnsupportedCredentialsSource() {
    Map<String, String> configs =
        Map.of(
            "schema.registry.url",
            "http://r:8081",
            "basic.auth.credentials.source",
            "SASL_INHERIT");
    ConfigException e = assertThrows(ConfigException.class, () -> SerdeConfig.from(configs, false));
    assertTrue(e.getMessage().contains("basic.auth.credentials.source"), e.getMessage());
  }

  @Test
  void shouldRejectOtherSubjectNameStrategies() {
    Map<String, String> configs =
        Map.of(
            "schema.registry.url",
            "http://r:8081",
            "value.subject.name.strategy",
            "io.confluent.kafka.serializers.subject.RecordNameStrategy");
    ConfigException e = assertThrows(ConfigException.class, () -> SerdeConfig.from(configs, false));
    assertTrue(e.getMessage().contains("value.subject.name.strategy"), e.getMessage());
  }

  @Test
  void shouldReadTlsSettings() {
    Map<String, String> configs =
        Map.of(
            "schema.registry.url", "https://r:8081",
            "schema.registry.ssl.truststore.location", "/etc/trust.p12",
            "schema.registry.ssl.truststore.password", "tpw",
            "schema.registry.ssl.truststore.type", "PKCS12");
    var tls = SerdeConfig.from(configs, false).registry().tls();
    assertEquals("/etc/trust.p12", tls.truststoreLocation());
    assertEquals("tpw", tls.truststorePassword());
    assertEquals("PKCS12", tls.truststoreType());
  }

  @Test
  void shouldRefuseAMockUrlBesideOthers() {
    Map<String, String> configs = Map.of("schema.registry.url", "mock://a,http://r:8081");
    assertThrows(ConfigException.class, () -> SerdeConfig.from(configs, false));
  }

  @Test
  void shouldIgnoreKeysItDoesNotKnow() {
    Map<String, String> configs =
        Map.of("schema.registry.url", "mock://x", "application.id", "rela", "rela.batch.size", "8");
    assertEquals("x", SerdeConfig.from(configs, false).registry().mockScope());
  }
}
