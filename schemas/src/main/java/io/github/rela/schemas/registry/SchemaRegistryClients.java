package io.github.rela.schemas.registry;

/** Picks the registry client for a configuration: in-memory for {@code mock://}, else HTTP. */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {}

  /**
   * The shared in-memory registry of the scope for a {@code mock://scope} URL; otherwise a cached
   * HTTP client for the configured URLs.
   */
  public static SchemaRegistryClient create(RegistryClientConfig config) {
    String scope = config.mockScope();
    if (scope != null) {
      return MockSchemaRegistry.forScope(scope);
    }
    return new CachingSchemaRegistryClient(
        new HttpSchemaRegistryClient(config), config.latestCacheTtl());
  }
}
