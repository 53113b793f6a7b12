package io.github.rela.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The cache answers repeated calls itself, both ways, and lets latest-version answers expire. */
class CachingSchemaRegistryClientTest {

  /** Counts the calls that reach the registry behind the cache. */
  private static final class CountingClient implements SchemaRegistryClient {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public int register(String subject, Schema schema) {
      calls.incrementAndGet();
      return registry.register(subject, schema);
    }

    @Override
    public int idOf(String subject, Schema schema) {
      calls.incrementAndGet();
      return registry.idOf(subject, schema);
    }

    @Override
    public RegisteredSchema latest(String subject) {
      calls.incrementAndGet();
      return registry.latest(subject);
    }

    @Override
    public Schema schemaById(int id) {
      calls.incrementAndGet();
      return registry.schemaById(id);
    }
  }

  private final CountingClient backend = new CountingClient();
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void shouldRegisterOnceAndKnowTheSchemaOfTheIdItGot() {
    // Given a caching client
    var cache = new CachingSchemaRegistryClient(backend, Duration.ofSeconds(-1));

    // When a schema is registered twice and its id looked up
    int id = cache.register("t-value", TranslationRequest.getClassSchema());
    cache.register("t-value", TranslationRequest.getClassSchema());
    Schema byId = cache.schemaById(id);

    // Then only the first registration reached the registry
    assertEquals(1, backend.calls.get());
    assertEquals(TranslationRequest.getClassSchema(), byId);
  }

  @Test
  void shouldCacheIdLookups() {
    int id = backend.registry.register("t-value", DeadLetter.getClassSchema());
    var cache = new CachingSchemaRegistryClient(backend, Duration.ofSeconds(-1));

    cache.schemaById(id);
    cache.schemaById(id);
    cache.idOf("t-value", DeadLetter.getClassSchema());

    assertEquals(2, backend.calls.get());
  }

  @Test
  void shouldNotCacheFailures() {
    var cache = new CachingSchemaRegistryClient(backend, Duration.ofSeconds(-1));

    assertThrows(RegistryException.class, () -> cache.schemaById(7));
    assertThrows(RegistryException.class, () -> cache.schemaById(7));

    assertEquals(2, backend.calls.get());
  }

  @Test
  void shouldExpireLatestVersionsAfterTheTtl() {
    // Given a cache whose latest-version answers live 10 s
    backend.registry.register("t-value", DeadLetter.getClassSchema());
    var cache = new CachingSchemaRegistryClient(backend, Duration.ofSeconds(10), nanos::get);

    // When asked at 0 s, 5 s and 11 s
    cache.latest("t-value");
    nanos.set(Duration.ofSeconds(5).toNanos());
    cache.latest("t-value");
    nanos.set(Duration.ofSeconds(11).toNanos());
    cache.latest("t-value");

    // Then the registry was asked at 0 s and 11 s
    assertEquals(2, backend.calls.get());
  }
}
