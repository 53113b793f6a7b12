package io.github.rela.schemas.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.FileSchemaRegistry;
import io.github.rela.schemas.registry.HttpSchemaRegistryClient;
import io.github.rela.schemas.registry.RegistryClientConfig;
import io.github.rela.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route answers as Confluent's registry does, over real HTTP, and ids survive a restart. */
class RegistryServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Schema REQUEST = TranslationRequest.getClassSchema();
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
  private static final String V2_WITH_DEFAULT =
      "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
          + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}";
  private static final String V3_WITHOUT_DEFAULT =
      "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
          + "{\"name\":\"c\",\"type\":\"long\"}]}";

  @TempDir Path dir;
  private RegistryServer server;

  private record Answer(int status, String contentType, JsonNode body) {}

  @BeforeEach
  void start() {
    server = RegistryServer.start(FileSchemaRegistry.open(dir), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldRegisterASchemaOnceAndAnswerItsIdAgainForTheSameSchema() {
    int id = register("requests-value", REQUEST.toString()).body().get("id").asInt();

    // The same schema with other whitespace is the same schema (parsed, then compared).
    Answer again = register("requests-value", reformatted(REQUEST));

    assertEquals(200, again.status());
    assertEquals(id, again.body().get("id").asInt());
    assertEquals(List.of(1), ints(get("/subjects/requests-value/versions").body()));
    assertEquals(RegistryRoutes.CONTENT_TYPE, again.contentType());
  }

  @Test
  void shouldServeASchemaByIdWhateverQueryParametersAClientAdds() throws IOException {
    int id = register("requests-value", REQUEST.toString()).body().get("id").asInt();

    Answer byId = get("/schemas/ids/" + id + "?fetchMaxId=false&subject=requests-value");
    Answer raw = get("/schemas/ids/" + id + "/schema");
    Answer subjects = get("/schemas/ids/" + id + "/subjects");

    assertEquals(200, byId.status());
    assertEquals(REQUEST, new Schema.Parser().parse(byId.body().get("schema").asText()));
    assertEquals(JSON.readTree(REQUEST.toString()), raw.body());
    assertEquals(List.of("requests-value"), strings(subjects.body()));
  }

  @Test
  void shouldListSubjectsAndServeTheirVersions() throws IOException {
    register("results-value", V1);
    int second = register("results-value", V2_WITH_DEFAULT).body().get("id").asInt();
    register("dead-letters-value", DeadLetter.getClassSchema().toString());

    Answer latest = get("/subjects/results-value/versions/latest");
    Answer minusOne = get("/subjects/results-value/versions/-1");
    Answer first = get("/subjects/results-value/versions/1");
    Answer firstSchema = get("/subjects/results-value/versions/1/schema");

    assertEquals(List.of("dead-letters-value", "results-value"), strings(get("/subjects").body()));
    assertEquals(List.of(1, 2), ints(get("/subjects/results-value/versions").body()));
    assertEquals("results-value", latest.body().get("subject").asText());
    assertEquals(2, latest.body().get("version").asInt());
    assertEquals(second, latest.body().get("id").asInt());
    assertEquals(new Schema.Parser().parse(V2_WITH_DEFAULT).toString(), schemaOf(latest));
    assertEquals(latest.body(), minusOne.body());
    assertEquals(1, first.body().get("version").asInt());
    assertEquals(JSON.readTree(V1), firstSchema.body());
  }

  @Test
  void shouldLookUpASchemaUnderASubject() {
    int id = register("requests-value", REQUEST.toString()).body().get("id").asInt();

    Answer found = post("/subjects/requests-value?normalize=false&deleted=false", body(REQUEST));
    Answer otherSchema = post("/subjects/requests-value", body(DeadLetter.getClassSchema()));
    Answer otherSubject = post("/subjects/nothing-value", body(REQUEST));

    assertEquals(200, found.status());
    assertEquals(id, found.body().get("id").asInt());
    assertEquals(1, found.body().get("version").asInt());
    assertEquals("requests-value", found.body().get("subject").asText());
    assertEquals(REQUEST.toString(), schemaOf(found));
    assertError(404, 40403, otherSchema);
    assertError(404, 40401, otherSubject);
  }

  @Test
  void shouldAnswerConfigAndTypesAsConfluentDoes() {
    assertEquals("BACKWARD", get("/config").body().get("compatibilityLevel").asText());
    assertError(404, 40408, get("/config/requests-value"));
    assertEquals(
        "BACKWARD",
        get("/config/requests-value?defaultToGlobal=true")
            .body()
            .get("compatibilityLevel")
            .asText());
    assertEquals(List.of("AVRO"), strings(get("/schemas/types").body()));
    assertEquals(0, get("/").body().size());
  }

  @Test
  void shouldAnswerNotFoundWithConfluentsCodes() {
    register("requests-value", REQUEST.toString());

    assertError(404, 40403, get("/schemas/ids/12345"));
    assertError(404, 40403, get("/schemas/ids/12345/schema"));
    assertError(404, 40401, get("/subjects/nothing-value/versions"));
    assertError(404, 40401, get("/subjects/nothing-value/versions/latest"));
    assertError(404, 40402, get("/subjects/requests-value/versions/2"));
    assertError(422, 42202, get("/subjects/requests-value/versions/0"));
    assertError(422, 42202, get("/subjects/requests-value/versions/first"));
    assertError(404, 404, get("/no/such/path"));
    assertError(405, 405, post("/subjects", "{}"));
  }

  @Test
  void shouldRefuseInvalidSchemasAndIncompatibleVersions() {
    register("t-value", V1);

    assertError(422, 42201, post("/subjects/t-value/versions", "{\"schema\":\"{not avro\"}"));
    assertError(422, 42201, post("/subjects/t-value/versions", "{}"));
    assertError(
        422,
        42201,
        post(
            "/subjects/t-value/versions",
            "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}"));
    assertError(400, 400, post("/subjects/t-value/versions", "not json"));
    assertError(409, 409, register("t-value", V3_WITHOUT_DEFAULT));
    assertEquals(200, register("t-value", V2_WITH_DEFAULT).status());
  }

  @Test
  void shouldAnswerStoreErrorsWith50001() throws IOException {
    // A directory where the temporary file must go: the write fails.
    Files.createDirectory(dir.resolve("schemas.json.tmp"));

    assertError(500, 50001, register("requests-value", REQUEST.toString()));
  }

  @Test
  void shouldKeepIdsAndVersionsAcrossARestart() {
    int request = register("requests-value", REQUEST.toString()).body().get("id").asInt();
    register("t-value", V1);
    int t2 = register("t-value", V2_WITH_DEFAULT).body().get("id").asInt();

    server.close();
    server = RegistryServer.start(FileSchemaRegistry.open(dir), 0);

    assertEquals(REQUEST.toString(), schemaOf(get("/schemas/ids/" + request)));
    assertEquals(t2, get("/subjects/t-value/versions/2").body().get("id").asInt());
    assertEquals(request, register("requests-value", REQUEST.toString()).body().get("id").asInt());
    assertEquals(List.of(1, 2), ints(get("/subjects/t-value/versions").body()));
  }

  @Test
  void shouldServeOurOwnHttpClientAndTheSameRegistryInProcess() {
    FileSchemaRegistry registry = FileSchemaRegistry.open(dir.resolve("other"));
    try (RegistryServer other = RegistryServer.start(registry, 0)) {
      RegistryClientConfig config = RegistryClientConfig.of(other.url() + "/");
      int id = new HttpSchemaRegistryClient(config).register("results-value", resultSchema());

      assertEquals(id, registry.idOf("results-value", resultSchema()));
      assertSame(registry, SchemaRegistryClients.create(config));
    }
    assertNotEquals(
        registry.getClass(),
        SchemaRegistryClients.create(RegistryClientConfig.of(server.url() + "9")).getClass());
  }

  @Test
  void shouldTakeAFreePortWhenThePreferredOneIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0);
        RegistryServer other =
            RegistryServer.start(FileSchemaRegistry.open(dir), taken.getLocalPort())) {
      assertNotEquals(taken.getLocalPort(), other.port());
      assertEquals("http://127.0.0.1:" + other.port(), other.url());
      assertEquals(200, get(other.url(), "/subjects").status());
    }
  }

  private static Schema resultSchema() {
    return TranslationResult.getClassSchema();
  }

  private Answer register(String subject, String schema) {
    return post("/subjects/" + subject + "/versions", body(schema));
  }

  private static String body(Schema schema) {
    return body(schema.toString());
  }

  private static String body(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  private static String reformatted(Schema schema) {
    try {
      return JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(JSON.readTree(schema.toString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Answer get(String path) {
    return get(server.url(), path);
  }

  private static Answer get(String base, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  private Answer post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  private static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String schemaOf(Answer answer) {
    return answer.body().get("schema").asText();
  }

  private static void assertError(int status, int code, Answer answer) {
    assertEquals(status, answer.status(), answer.body().toString());
    assertEquals(code, answer.body().get("error_code").asInt(), answer.body().toString());
    assertTrue(answer.body().get("message").asText().length() > 0);
    assertEquals(RegistryRoutes.CONTENT_TYPE, answer.contentType());
  }

  private static List<String> strings(JsonNode array) {
    return JSON.convertValue(
        array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  private static List<Integer> ints(JsonNode array) {
    return JSON.convertValue(
        array, JSON.getTypeFactory().constructCollectionType(List.class, Integer.class));
  }
}
