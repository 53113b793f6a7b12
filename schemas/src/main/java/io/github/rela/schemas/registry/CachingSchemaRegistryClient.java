package io.github.rela.schemas.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Caches a registry's answers both ways, so that the serdes call it once per schema and not once
 * per record: (subject, schema) to id from {@code register}/{@code idOf}, id to schema from every
 * call that learns a pair. Ids never change meaning in a registry, so these never expire; only
 * {@link #latest} answers expire, after the configured TTL. Failures are not cached.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private record SubjectSchema(String subject, Schema schema) {}

  private record Timed(RegisteredSchema value, long atNanos) {}

  private final SchemaRegistryClient delegate;
  private final Duration latestTtl;
  private final LongSupplier nanoTime;
  private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<String, Timed> latest = new ConcurrentHashMap<>();

  /**
   * @param latestTtl how long a {@link #latest} answer is reused; negative means forever
   */
  public CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration latestTtl) {
    this(delegate, latestTtl, System::nanoTime);
  }

  CachingSchemaRegistryClient(
      SchemaRegistryClient delegate, Duration latestTtl, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.latestTtl = latestTtl;
    this.nanoTime = nanoTime;
  }

  @Override
  public int register(String subject, Schema schema) {
    return ids.computeIfAbsent(
        new SubjectSchema(subject, schema),
        key -> learn(delegate.register(subject, schema), schema));
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return ids.computeIfAbsent(
        new SubjectSchema(subject, schema), key -> learn(delegate.idOf(subject, schema), schema));
  }

  @Override
  public RegisteredSchema latest(String subject) {
    long now = nanoTime.getAsLong();
    Timed cached = latest.get(subject);
    if (cached != null
        && (latestTtl.isNegative() || now - cached.atNanos() < latestTtl.toNanos())) {
      return cached.value();
    }
    RegisteredSchema fresh = delegate.latest(subject);
    learn(fresh.id(), fresh.schema());
    latest.put(subject, new Timed(fresh, now));
    return fresh;
  }

  @Override
  public Schema schemaById(int id) {
    return schemas.computeIfAbsent(id, delegate::schemaById);
  }

  private int learn(int id, Schema schema) {
    schemas.putIfAbsent(id, schema);
    return id;
  }
}
