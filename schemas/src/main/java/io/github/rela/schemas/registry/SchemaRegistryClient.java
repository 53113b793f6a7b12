package io.github.rela.schemas.registry;

import org.apache.avro.Schema;

/**
 * The four calls of the Confluent Schema Registry REST API that the serdes need.
 *
 * <p>Implementations: {@link HttpSchemaRegistryClient} (a real registry: Confluent, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace, Redpanda), {@link InMemorySchemaRegistryClient} (unit tests
 * and the embedded default, reached through {@code mock://scope} URLs) and {@link
 * CachingSchemaRegistryClient} in front of either. All methods throw {@link RegistryException} on
 * failure.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}), or
   * finds it if it is already there, and returns its global id.
   */
  int register(String subject, Schema schema);

  /**
   * Returns the id of {@code schema} if it is registered under {@code subject} ({@code POST
   * /subjects/{subject}}), without registering it; not found is a {@link RegistryException} with
   * {@link RegistryException#isNotFound()}.
   */
  int idOf(String subject, Schema schema);

  /**
   * Returns the latest version under {@code subject} ({@code GET /subjects/{s}/versions/latest}).
   */
  RegisteredSchema latest(String subject);

  /** Returns the schema with this global id ({@code GET /schemas/ids/{id}}). */
  Schema schemaById(int id);
}
