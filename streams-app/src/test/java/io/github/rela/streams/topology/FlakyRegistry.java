package io.github.rela.streams.topology;

import io.github.rela.schemas.registry.RegisteredSchema;
import io.github.rela.schemas.registry.RegistryException;
import io.github.rela.schemas.registry.SchemaRegistryClient;
import java.net.ConnectException;
import org.apache.avro.Schema;

/**
 * A registry client that cannot reach its registry for the next {@code failures} schema lookups (as
 * the HTTP client reports a refused connection), then answers from {@code delegate}.
 */
final class FlakyRegistry implements SchemaRegistryClient {

  private final SchemaRegistryClient delegate;
  int failures;
  int lookups;

  FlakyRegistry(SchemaRegistryClient delegate, int failures) {
    this.delegate = delegate;
    this.failures = failures;
  }

  @Override
  public Schema schemaById(int id) {
    lookups++;
    if (failures > 0) {
      failures--;
      throw new RegistryException(
          "No schema registry answered (GET http://registry:8081/schemas/ids/" + id + ")",
          new ConnectException("Connection refused"));
    }
    return delegate.schemaById(id);
  }

  @Override
  public int register(String subject, Schema schema) {
    return delegate.register(subject, schema);
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return delegate.idOf(subject, schema);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return delegate.latest(subject);
  }
}
