package io.github.rela.schemas.registry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach the registry. Built by {@code SerdeConfig} from Confluent's configuration keys.
 *
 * @param urls base URLs tried in order ({@code http(s)://host:port[/path]}), or one {@code
 *     mock://scope} URL for the in-memory registry of that scope
 * @param userInfo {@code user:password} for HTTP basic auth, or null for none
 * @param tls trust and key stores for {@code https} URLs
 * @param connectTimeout TCP connect timeout per URL
 * @param requestTimeout time allowed for one HTTP exchange per URL
 * @param latestCacheTtl how long {@link SchemaRegistryClient#latest} answers are cached; negative
 *     means forever
 */
public record RegistryClientConfig(
    List<String> urls,
    String userInfo,
    TlsSettings tls,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration latestCacheTtl) {

  /** URL scheme of the in-memory registry, as in Confluent's serdes. */
  public static final String MOCK_SCHEME = "mock://";

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(latestCacheTtl, "latestCacheTtl");
    if (urls.isEmpty()) {
      throw new ConfigException(
          "Missing required configuration \"schema.registry.url\" which has no default value.");
    }
    if (mockScope(urls) != null && urls.size() > 1) {
      throw new ConfigException(
          "schema.registry.url", String.join(",", urls), "a mock:// URL must be the only URL");
    }
  }

  /** A config for the given URLs with no auth, default TLS and Confluent's default timeouts. */
  public static RegistryClientConfig of(String... urls) {
    return new RegistryClientConfig(
        List.of(urls),
        null,
        TlsSettings.DEFAULT,
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        Duration.ofSeconds(-1));
  }

  /** The scope of a {@code mock://scope} URL, or null when the URLs name a real registry. */
  public String mockScope() {
    return mockScope(urls);
  }

  private static String mockScope(List<String> urls) {
    for (String url : urls) {
      if (url.startsWith(MOCK_SCHEME)) {
        return url.substring(MOCK_SCHEME.length());
      }
    }
    return null;
  }
}
