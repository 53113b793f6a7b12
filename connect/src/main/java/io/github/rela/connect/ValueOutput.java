package io.github.rela.connect;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.util.SchemaUtil;

/**
 * Adds the outputs to a Struct or Map value as new fields, keeping the value's own fields. A Struct
 * gets a new schema (the old one plus the outputs, all optional so that a null source field gives
 * null outputs), built once per input schema as Kafka's own {@code InsertField} does.
 */
public final class ValueOutput {

  private final OutputNames names;
  private final Cache<Schema, Schema> schemas = new SynchronizedCache<>(new LRUCache<>(16));

  public ValueOutput(OutputNames names) {
    this.names = names;
  }

  /**
   * Refuses a Struct or Map value that already has a field named like an output, before any time is
   * spent translating it.
   */
  public void requireRoom(Object value) {
    if (value instanceof Struct struct) {
      schemaFor(struct.schema());
    } else if (value instanceof Map<?, ?> map) {
      for (String name : names.written()) {
        if (map.containsKey(name)) {
          throw Rejection.FIELD_EXISTS.exception("the value already has a field '" + name + "'");
        }
      }
    }
  }

  /**
   * A copy of {@code value} with the outputs of {@code text}, or null outputs when it is null;
   * {@link #requireRoom} has accepted the value.
   */
  public Struct addTo(Struct value, TranslatedText text) {
    Struct updated = new Struct(schemaFor(value.schema()));
    for (Field field : value.schema().fields()) {
      updated.put(field.name(), value.get(field));
    }
    outputs(text).forEach(updated::put);
    return updated;
  }

  /**
   * A copy of {@code value} with the outputs of {@code text}, or null outputs when it is null;
   * {@link #requireRoom} has accepted the value.
   */
  public Map<Object, Object> addTo(Map<?, ?> value, TranslatedText text) {
    Map<String, Object> outputs = outputs(text);
    // A Map declares no schema: an estimate the model cannot give is left out rather than null.
    if (outputs.get(names.quality()) == null) {
      outputs.remove(names.quality());
    }
    Map<Object, Object> updated = new HashMap<>(value);
    updated.putAll(outputs);
    return updated;
  }

  private Schema schemaFor(Schema schema) {
    Schema extended = schemas.get(schema);
    if (extended == null) {
      extended = extend(schema);
      schemas.put(schema, extended);
    }
    return extended;
  }

  private Schema extend(Schema schema) {
    SchemaBuilder builder = SchemaUtil.copySchemaBasics(schema, SchemaBuilder.struct());
    for (Field field : schema.fields()) {
      if (names.written().contains(field.name())) {
        throw Rejection.FIELD_EXISTS.exception(
            "the value already has a field '" + field.name() + "'");
      }
      builder.field(field.name(), field.schema());
    }
    add(builder, names.translation(), Schema.OPTIONAL_STRING_SCHEMA);
    add(builder, names.score(), Schema.OPTIONAL_FLOAT64_SCHEMA);
    add(builder, names.nullRate(), Schema.OPTIONAL_FLOAT64_SCHEMA);
    add(builder, names.lowConfidence(), Schema.OPTIONAL_BOOLEAN_SCHEMA);
    add(builder, names.quality(), Schema.OPTIONAL_FLOAT64_SCHEMA);
    return builder.build();
  }

  private static void add(SchemaBuilder builder, String name, Schema schema) {
    if (OutputNames.isWritten(name)) {
      builder.field(name, schema);
    }
  }

  /** The written outputs by name; every one null when {@code text} is. */
  private Map<String, Object> outputs(TranslatedText text) {
    Map<String, Object> outputs = new HashMap<>();
    put(outputs, names.translation(), text == null ? null : text.translation());
    put(outputs, names.score(), text == null ? null : text.score());
    put(outputs, names.nullRate(), text == null ? null : text.nullRate());
    put(outputs, names.lowConfidence(), text == null ? null : text.lowConfidence());
    put(outputs, names.quality(), text == null ? null : text.quality());
    return outputs;
  }

  private static void put(Map<String, Object> outputs, String name, Object value) {
    if (OutputNames.isWritten(name)) {
      outputs.put(name, value);
    }
  }
}
