package io.github.rela.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A client for the Confluent Schema Registry REST API over {@link HttpClient}, with no Confluent
 * code: it works against Confluent's registry, Apicurio's {@code /apis/ccompat/v7}, Karapace and
 * Redpanda.
 *
 * <p>Several base URLs are tried in order: a URL that cannot be reached or answers 5xx passes the
 * call to the next; any other error answer ends it. No caching here: wrap it in {@link
 * CachingSchemaRegistryClient}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> baseUrls;
  private final String authorization;
  private final HttpClient http;
  private final RegistryClientConfig config;

  public HttpSchemaRegistryClient(RegistryClientConfig config) {
    this.config = config;
    this.baseUrls = config.urls().stream().map(HttpSchemaRegistryClient::withoutUserInfo).toList();
    this.authorization = config.userInfo() == null ? null : basicAuth(config.userInfo());
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
    if (!config.tls().isDefault()) {
      builder.sslContext(config.tls().sslContext());
    }
    this.http = builder.build();
  }

  @Override
  public int register(String subject, Schema schema) {
    return send("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema))
        .get("id")
        .asInt();
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return send("POST", "subjects/" + encode(subject), schemaBody(schema)).get("id").asInt();
  }

  @Override
  public RegisteredSchema latest(String subject) {
    JsonNode node = send("GET", "subjects/" + encode(subject) + "/versions/latest", null);
    return new RegisteredSchema(
        node.get("id").asInt(), node.path("version").asInt(), parse(node.get("schema").asText()));
  }

  @Override
  public Schema schemaById(int id) {
    return parse(send("GET", "schemas/ids/" + id, null).get("schema").asText());
  }

  private JsonNode send(String method, String path, String body) {
    List<String> failures = new ArrayList<>();
    for (URI base : baseUrls) {
      URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/" + path);
      try {
        HttpResponse<String> response = http.send(request(method, uri, body), bodyHandler());
        RegistryException error = errorOf(method, uri, response);
        if (error == null) {
          return JSON.readTree(response.body());
        }
        if (!error.isUnavailable()) {
          throw error;
        }
        failures.add(error.getMessage());
      } catch (IOException e) {
        failures.add(method + " " + uri + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptException(e);
      }
    }
    throw new RegistryException(
        "No schema registry answered (" + String.join("; ", failures) + ")", null);
  }

  private HttpRequest request(String method, URI uri, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).header("Accept", ACCEPT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (body == null) {
      return builder.GET().build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private static HttpResponse.BodyHandler<String> bodyHandler() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }

  /** Null for a 2xx answer; otherwise the error with the registry's code and message. */
  private static RegistryException errorOf(String method, URI uri, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status / 100 == 2) {
      return null;
    }
    int errorCode = 0;
    String message = response.body();
    try {
      JsonNode node = JSON.readTree(response.body());
      errorCode = node.path("error_code").asInt(0);
      message = node.path("message").asText(message);
    } catch (IOException e) {
      // Not JSON (a proxy's HTML page, say): keep the raw body as the message.
    }
    return new RegistryException(
        status,
        errorCode,
        method + " " + uri + " -> HTTP " + status + " (error " + errorCode + "): " + message);
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  /** Parses with a fresh parser each time: a parser refuses names it has already seen. */
  private static Schema parse(String schemaText) {
    return new Schema.Parser().parse(schemaText);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String basicAuth(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  /** Credentials in a URL are read by {@code SerdeConfig}; they must not travel in the URI. */
  private static URI withoutUserInfo(String url) {
    URI uri = URI.create(url.strip());
    if (uri.getUserInfo() == null) {
      return uri;
    }
    return URI.create(uri.toString().replace(uri.getRawUserInfo() + "@", ""));
  }
}
