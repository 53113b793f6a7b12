package io.github.rela.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory registries behind {@code mock://scope} URLs: one {@link
 * InMemorySchemaRegistryClient} per scope name, shared by every serde in the JVM configured with
 * that URL, as Confluent's {@code MockSchemaRegistry} does.
 */
public final class MockSchemaRegistry {

  private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {}

  /** The registry of {@code scope}, created on first use. */
  public static InMemorySchemaRegistryClient forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets {@code scope}, so that the next use starts from an empty registry (test isolation). */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }
}
