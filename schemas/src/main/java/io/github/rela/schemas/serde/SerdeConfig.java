package io.github.rela.schemas.serde;

import io.github.rela.schemas.registry.RegistryClientConfig;
import io.github.rela.schemas.registry.TlsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The serdes' settings, read from the same keys as Confluent's Avro serdes so that a configuration
 * works unchanged with either. Unknown keys are ignored, so a whole Kafka Streams configuration can
 * be passed in. See {@code schemas/README.md} for the table of keys.
 *
 * @param registry how to reach the registry; null when a client was handed to the serde directly
 * @param autoRegister register the record's schema on first write ({@code auto.register.schemas})
 * @param useLatestVersion write with the id of the subject's latest version ({@code
 *     use.latest.version})
 * @param plainTextInput accept plain UTF-8 text as a translation request ({@code
 *     rela.plain.text.input})
 */
public record SerdeConfig(
    RegistryClientConfig registry,
    boolean autoRegister,
    boolean useLatestVersion,
    boolean plainTextInput) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
  public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
  public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String PLAIN_TEXT_INPUT = "rela.plain.text.input";

  /** The only subject naming supported: {@code <topic>-key} and {@code <topic>-value}. */
  public static final String TOPIC_NAME_STRATEGY =
      "io.confluent.kafka.serializers.subject.TopicNameStrategy";

  public static final ConfigDef CONFIG_DEF = configDef();

  /**
   * Reads the settings.
   *
   * @param clientGiven true when the serde was built with a registry client, which makes {@code
   *     schema.registry.url} optional (and ignored)
   * @throws ConfigException naming the first invalid setting
   */
  public static SerdeConfig from(Map<String, ?> configs, boolean clientGiven) {
    Map<String, Object> values = CONFIG_DEF.parse(configs);
    checkSubjectNameStrategy(values, KEY_SUBJECT_NAME_STRATEGY);
    checkSubjectNameStrategy(values, VALUE_SUBJECT_NAME_STRATEGY);
    @SuppressWarnings("unchecked")
    List<String> urls = (List<String>) values.get(SCHEMA_REGISTRY_URL);
    RegistryClientConfig registry =
        clientGiven && urls.isEmpty() ? null : registryConfig(values, urls);
    return new SerdeConfig(
        registry,
        (Boolean) values.get(AUTO_REGISTER_SCHEMAS),
        (Boolean) values.get(USE_LATEST_VERSION),
        (Boolean) values.get(PLAIN_TEXT_INPUT));
  }

  private static RegistryClientConfig registryConfig(
      Map<String, Object> values, List<String> urls) {
    return new RegistryClientConfig(
        urls,
        userInfo(values, urls),
        new TlsSettings(
            (String) values.get(TRUSTSTORE_LOCATION),
            password(values, TRUSTSTORE_PASSWORD),
            (String) values.get(TRUSTSTORE_TYPE),
            (String) values.get(KEYSTORE_LOCATION),
            password(values, KEYSTORE_PASSWORD),
            (String) values.get(KEYSTORE_TYPE),
            password(values, KEY_PASSWORD)),
        Duration.ofMillis((Integer) values.get(CONNECT_TIMEOUT_MS)),
        Duration.ofMillis((Integer) values.get(READ_TIMEOUT_MS)),
        Duration.ofSeconds((Long) values.get(LATEST_CACHE_TTL_SEC)));
  }

  /** Basic-auth credentials from where {@code basic.auth.credentials.source} says. */
  private static String userInfo(Map<String, Object> values, List<String> urls) {
    String source = (String) values.get(BASIC_AUTH_CREDENTIALS_SOURCE);
    if (source.equals("USER_INFO")) {
      String userInfo = password(values, BASIC_AUTH_USER_INFO);
      if (userInfo == null) {
        userInfo = password(values, REGISTRY_BASIC_AUTH_USER_INFO);
      }
      if (userInfo == null || !userInfo.contains(":")) {
        throw new ConfigException(
            BASIC_AUTH_USER_INFO
                + " must be set to user:password when "
                + BASIC_AUTH_CREDENTIALS_SOURCE
                + "=USER_INFO");
      }
      return userInfo;
    }
    for (String url : urls) {
      if (!url.startsWith(RegistryClientConfig.MOCK_SCHEME)) {
        String userInfo = URI.create(url.strip()).getUserInfo();
        if (userInfo != null) {
          return userInfo;
        }
      }
    }
    return null;
  }

  private static String password(Map<String, Object> values, String key) {
    Password password = (Password) values.get(key);
    return password == null ? null : password.value();
  }

  private static void checkSubjectNameStrategy(Map<String, Object> values, String key) {
    Object value = values.get(key);
    if (value != null && !value.toString().equals(TOPIC_NAME_STRATEGY)) {
      throw new ConfigException(
          key, value, "only " + TOPIC_NAME_STRATEGY + " (<topic>-key, <topic>-value) is supported");
    }
  }

  private static ConfigDef configDef() {
    return new ConfigDef()
        .define(
            SCHEMA_REGISTRY_URL,
            Type.LIST,
            List.of(),
            Importance.HIGH,
            "Comma-separated registry base URLs, tried in order, or mock://scope for the shared"
                + " in-memory registry of that scope.")
        .define(
            AUTO_REGISTER_SCHEMAS,
            Type.BOOLEAN,
            true,
            Importance.MEDIUM,
            "Register a record's schema on first write; if false, it must already be registered.")
        .define(
            USE_LATEST_VERSION,
            Type.BOOLEAN,
            false,
            Importance.LOW,
            "Write with the subject's latest version, which must equal the record's schema.")
        .define(
            LATEST_CACHE_TTL_SEC,
            Type.LONG,
            -1L,
            Importance.LOW,
            "Seconds a latest-version lookup is cached; -1 caches it for good.")
        .define(
            BASIC_AUTH_CREDENTIALS_SOURCE,
            Type.STRING,
            "URL",
            ValidString.in("URL", "USER_INFO"),
            Importance.MEDIUM,
            "Where basic-auth credentials come from: URL (user:pass@host) or USER_INFO.")
        .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM, "user:password.")
        .define(
            REGISTRY_BASIC_AUTH_USER_INFO,
            Type.PASSWORD,
            null,
            Importance.LOW,
            "Alias of basic.auth.user.info.")
        .define(TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, "Trust store path.")
        .define(
            TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Trust store password.")
        .define(TRUSTSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "JKS or PKCS12.")
        .define(KEYSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, "Key store path.")
        .define(KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Key store password.")
        .define(KEYSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "JKS or PKCS12.")
        .define(KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Private key password.")
        .define(
            CONNECT_TIMEOUT_MS,
            Type.INT,
            60_000,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "Registry connect timeout.")
        .define(
            READ_TIMEOUT_MS,
            Type.INT,
            60_000,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "Registry request timeout.")
        .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, null, Importance.LOW, "Must be default.")
        .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, null, Importance.LOW, "Must be default.")
        .define(
            PLAIN_TEXT_INPUT,
            Type.BOOLEAN,
            true,
            Importance.MEDIUM,
            "Let the translation request deserializer accept plain UTF-8 text as the sentence.");
  }
}
