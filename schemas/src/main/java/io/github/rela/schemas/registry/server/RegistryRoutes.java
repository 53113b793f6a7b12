package io.github.rela.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.rela.schemas.registry.FileSchemaRegistry;
import io.github.rela.schemas.registry.RegisteredSchema;
import io.github.rela.schemas.registry.RegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The routes of Confluent's Schema Registry API that clients call to read and write Avro data, with
 * Confluent's answers and error bodies ({@code {"error_code": 40401, "message": ...}}). Query
 * parameters other than {@code defaultToGlobal} are accepted and ignored ({@code subject}, {@code
 * format}, {@code fetchMaxId}, {@code normalize}, {@code deleted}).
 */
final class RegistryRoutes implements HttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSchemaRegistry registry;

  RegistryRoutes(FileSchemaRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      RegistryRequest request = RegistryRequest.of(exchange);
      int status = 200;
      JsonNode body;
      try {
        body = route(request);
      } catch (RegistryException e) {
        status = e.httpStatus();
        body = error(e.errorCode(), e.getMessage());
      } catch (RuntimeException e) {
        status = 500;
        body = error(500, "Internal Server Error: " + e);
      }
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private JsonNode route(RegistryRequest r) {
    List<String> p = r.segments();
    if (p.isEmpty()) {
      return r.answerGet(JSON::createObjectNode);
    }
    return switch (p.get(0)) {
      case "schemas" -> schemas(r, p);
      case "subjects" -> subjects(r, p);
      case "config" -> config(r, p);
      default -> throw RegistryRequest.noSuchPath();
    };
  }

  private JsonNode schemas(RegistryRequest r, List<String> p) {
    if (p.size() == 2 && p.get(1).equals("types")) {
      return r.answerGet(() -> JSON.createArrayNode().add("AVRO"));
    }
    if (p.size() < 3 || p.size() > 4 || !p.get(1).equals("ids")) {
      throw RegistryRequest.noSuchPath();
    }
    int id = schemaId(p.get(2));
    if (p.size() == 3) {
      return r.answerGet(() -> JSON.createObjectNode().put("schema", schemaText(id)));
    }
    return switch (p.get(3)) {
      case "schema" -> r.answerGet(() -> readJson(schemaText(id)));
      case "subjects" -> r.answerGet(() -> strings(registry.subjectsOf(id)));
      default -> throw RegistryRequest.noSuchPath();
    };
  }

  private JsonNode subjects(RegistryRequest r, List<String> p) {
    if (p.size() == 1) {
      return r.answerGet(() -> strings(registry.subjects()));
    }
    String subject = p.get(1);
    if (p.size() == 2) {
      return r.answerPost(() -> versionNode(subject, registry.lookup(subject, r.schema())));
    }
    if (!p.get(2).equals("versions") || p.size() > 5) {
      throw RegistryRequest.noSuchPath();
    }
    if (p.size() == 3) {
      if (r.method().equals("POST")) {
        return JSON.createObjectNode().put("id", registry.register(subject, r.schema()));
      }
      return r.answerGet(() -> numbers(registry.versions(subject)));
    }
    if (p.size() == 5 && !p.get(4).equals("schema")) {
      throw RegistryRequest.noSuchPath();
    }
    return r.answerGet(
        () -> {
          RegisteredSchema version = version(subject, p.get(3));
          return p.size() == 5
              ? readJson(version.schema().toString())
              : versionNode(subject, version);
        });
  }

  private JsonNode config(RegistryRequest r, List<String> p) {
    if (p.size() > 2) {
      throw RegistryRequest.noSuchPath();
    }
    return r.answerGet(
        () -> {
          if (p.size() == 2 && !r.flag("defaultToGlobal")) {
            throw new RegistryException(
                404,
                40408,
                "Subject '" + p.get(1) + "' does not have subject-level compatibility configured");
          }
          return JSON.createObjectNode()
              .put("compatibilityLevel", FileSchemaRegistry.COMPATIBILITY);
        });
  }

  /** {@code latest}, {@code -1} or a version number from 1, as Confluent accepts them. */
  private RegisteredSchema version(String subject, String version) {
    if (version.equals("latest") || version.equals("-1")) {
      return registry.latest(subject);
    }
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number < 1) {
      throw new RegistryException(
          422,
          42202,
          "The specified version '"
              + version
              + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the"
              + " string \"latest\"");
    }
    return registry.version(subject, number);
  }

  private int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema not found");
    }
  }

  private String schemaText(int id) {
    return registry.schemaById(id).toString();
  }

  private static ObjectNode versionNode(String subject, RegisteredSchema version) {
    return JSON.createObjectNode()
        .put("subject", subject)
        .put("version", version.version())
        .put("id", version.id())
        .put("schema", version.schema().toString());
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static ArrayNode numbers(List<Integer> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("A registered schema is not JSON: " + text, e);
    }
  }
}
