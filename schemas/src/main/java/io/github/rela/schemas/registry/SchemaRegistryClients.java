package io.github.rela.schemas.registry;

/**
 * Picks the registry client for a configuration: in-memory for {@code mock://}, the registry itself
 * for a URL this JVM serves ({@link InProcessRegistries}), else HTTP.
 */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {}

  /**
   * The shared in-memory registry of the scope for a {@code mock://scope} URL; the served registry
   * for a URL this JVM serves; otherwise a cached HTTP client for the configured URLs.
   */
  public static SchemaRegistryClient create(RegistryClientConfig config) {
    String scope = config.mockScope();
    if (scope != null) {
      return MockSchemaRegistry.forScope(scope);
    }
    SchemaRegistryClient served = InProcessRegistries.find(config.urls());
    if (served != null) {
      return served;
    }
    return new CachingSchemaRegistryClient(
        new HttpSchemaRegistryClient(config), config.latestCacheTtl());
  }
}
