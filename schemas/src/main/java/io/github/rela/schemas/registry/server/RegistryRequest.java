package io.github.rela.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.github.rela.schemas.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * One call to the registry: method, decoded path segments, query and body, with the checks and
 * errors every route shares.
 *
 * @param method the HTTP method
 * @param segments the path's segments, percent-decoded (a subject may contain {@code /} as {@code
 *     %2F})
 * @param query the raw query string, or null
 * @param body the request body, empty for none
 */
record RegistryRequest(String method, List<String> segments, String query, byte[] body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RegistryRequest of(HttpExchange exchange) throws IOException {
    List<String> segments =
        Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
            .filter(s -> !s.isEmpty())
            .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
            .toList();
    try (InputStream in = exchange.getRequestBody()) {
      return new RegistryRequest(
          exchange.getRequestMethod(),
          segments,
          exchange.getRequestURI().getRawQuery(),
          in.readAllBytes());
    }
  }

  /** The answer of a GET route; any other method is refused with 405. */
  JsonNode answerGet(Supplier<JsonNode> answer) {
    return answer(answer, "GET");
  }

  /** The answer of a POST route; any other method is refused with 405. */
  JsonNode answerPost(Supplier<JsonNode> answer) {
    return answer(answer, "POST");
  }

  private JsonNode answer(Supplier<JsonNode> answer, String allowed) {
    if (!method.equals(allowed)) {
      throw new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
    }
    return answer.get();
  }

  /** True when the query sets {@code name=true}. */
  boolean flag(String name) {
    return query != null && Arrays.asList(query.split("&")).contains(name + "=true");
  }

  /**
   * The Avro schema of a {@code {"schema": "...", "schemaType": "AVRO"}} body; 422/42201 for a
   * missing or unparsable schema, another type or references, 400 for a body that is not JSON.
   */
  Schema schema() {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new RegistryException(400, 400, "Request body is not JSON: " + e.getMessage());
    }
    if (node == null || !node.path("schema").isTextual()) {
      throw invalidSchema("Empty schema: the body has no \"schema\" string");
    }
    String type = node.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw invalidSchema("Schema type " + type + " is not supported here; only AVRO");
    }
    if (node.path("references").size() > 0) {
      throw invalidSchema("Schema references are not supported here");
    }
    try {
      return new Schema.Parser().parse(node.get("schema").asText());
    } catch (SchemaParseException e) {
      throw invalidSchema("Invalid schema: " + e.getMessage());
    }
  }

  /** Confluent's answer to a path it has no resource for. */
  static RegistryException noSuchPath() {
    return new RegistryException(404, 404, "HTTP 404 Not Found");
  }

  private static RegistryException invalidSchema(String message) {
    return new RegistryException(422, RegistryException.INVALID_SCHEMA, message);
  }
}
