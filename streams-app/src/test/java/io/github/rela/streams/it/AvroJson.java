package io.github.rela.streams.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro value as the reader scripts print it: records as objects of every field, enums and
 * strings as strings, bytes as base64, timestamps as epoch milliseconds, a nullable union as its
 * value or null. The same value read by Java, JavaScript and Python then compares equal.
 */
final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Numbers compare by value (JavaScript prints 1.0 as 1); everything else as usual. */
  static final Comparator<JsonNode> SAME_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private AvroJson() {}

  static JsonNode of(IndexedRecord record) {
    return of(record, record.getSchema());
  }

  private static JsonNode of(Object value, Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> record((IndexedRecord) value, schema);
      case UNION -> value == null ? NODES.nullNode() : of(value, nonNull(schema));
      case ARRAY -> array((List<?>) value, schema.getElementType());
      case MAP -> map((Map<?, ?>) value, schema.getValueType());
      case STRING, ENUM -> NODES.textNode(value.toString());
      case BYTES -> NODES.textNode(base64((ByteBuffer) value));
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode(epochMillisOr(value));
      case FLOAT -> NODES.numberNode((double) (Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      default -> throw new IllegalArgumentException("Not in our schemas: " + schema.getType());
    };
  }

  /** A timestamp-millis field is an Instant in generated classes; other longs are Longs. */
  private static long epochMillisOr(Object value) {
    return value instanceof Instant t ? t.toEpochMilli() : (Long) value;
  }

  private static ObjectNode record(IndexedRecord record, Schema schema) {
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : schema.getFields()) {
      node.set(field.name(), of(record.get(field.pos()), field.schema()));
    }
    return node;
  }

  private static ArrayNode array(List<?> values, Schema items) {
    ArrayNode node = NODES.arrayNode();
    values.forEach(v -> node.add(of(v, items)));
    return node;
  }

  private static ObjectNode map(Map<?, ?> values, Schema valueType) {
    ObjectNode node = NODES.objectNode();
    values.forEach((k, v) -> node.set(k.toString(), of(v, valueType)));
    return node;
  }

  /** Our unions are all {@code ["null", T]}. */
  private static Schema nonNull(Schema union) {
    return union.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }

  private static String base64(ByteBuffer bytes) {
    ByteBuffer copy = bytes.duplicate();
    byte[] array = new byte[copy.remaining()];
    copy.get(array);
    return Base64.getEncoder().encodeToString(array);
  }
}
