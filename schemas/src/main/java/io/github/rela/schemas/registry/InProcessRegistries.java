package io.github.rela.schemas.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registries served over HTTP by this JVM, by base URL. A serde configured with such a URL uses
 * the registry directly instead of calling itself over the loopback, so the application that serves
 * a registry and the external readers that call it see the same schemas under the same URL.
 */
public final class InProcessRegistries {

  private static final Map<String, SchemaRegistryClient> SERVED = new ConcurrentHashMap<>();

  private InProcessRegistries() {}

  /** Records that {@code registry} answers at {@code baseUrl} from now on. */
  public static void serve(String baseUrl, SchemaRegistryClient registry) {
    SERVED.put(normalize(baseUrl), registry);
  }

  /** Forgets {@code baseUrl}: it no longer answers from this JVM. */
  public static void withdraw(String baseUrl) {
    SERVED.remove(normalize(baseUrl));
  }

  /** The registry this JVM serves at the first of {@code urls}, or null when it serves none. */
  static SchemaRegistryClient find(List<String> urls) {
    return SERVED.get(normalize(urls.get(0)));
  }

  /** Scheme, host, port and path without trailing slashes: how two spellings compare equal. */
  private static String normalize(String url) {
    try {
      URI uri = URI.create(url.strip());
      String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
      return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + path;
    } catch (IllegalArgumentException notAUri) {
      return url.strip();
    }
  }
}
