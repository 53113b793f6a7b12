package io.github.rela.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rela.schemas.avro.ErrorCode;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.error.PayloadException;
import io.github.rela.schemas.serde.TranslationRequestDeserializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client speaks the Confluent REST API: paths, bodies, auth, errors and failover. */
class HttpSchemaRegistryClientTest {

  private final StubRegistry stub = newStub();

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void shouldPostTheSchemaToTheSubjectsVersions() throws IOException {
    // Given a registry that hands out id 21
    stub.answer(200, "{\"id\":21}");

    // When a schema is registered
    int id =
        client(stub.url(), null).register("requests-value", TranslationRequest.getClassSchema());

    // Then the request followed the API
    StubRegistry.Request request = stub.requests().get(0);
    assertEquals(21, id);
    assertEquals("POST", request.method());
    assertEquals("/apis/ccompat/v7/subjects/requests-value/versions", request.path());
    assertEquals("application/vnd.schemaregistry.v1+json", request.contentType());
    assertEquals(
        TranslationRequest.getClassSchema().toString(),
        new ObjectMapper().readTree(request.body()).get("schema").asText());
    assertNull(request.authorization());
  }

  @Test
  void shouldReadASchemaById() {
    stub.answer(
        200,
        "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\"}");

    var schema = client(stub.url(), null).schemaById(5);

    assertEquals("R", schema.getName());
    assertEquals("/apis/ccompat/v7/schemas/ids/5", stub.requests().get(0).path());
  }

  @Test
  void shouldSendBasicAuthWithoutPuttingItInTheUrl() {
    // Given credentials in the URL, as basic.auth.credentials.source=URL reads them
    stub.answer(200, "{\"id\":1}");
    String url = stub.url().replace("http://", "http://alice:s3cret@");

    // When a call is made
    client(url, "alice:s3cret").register("t-value", TranslationRequest.getClassSchema());

    // Then they travel as a Basic header
    String expected = Base64.getEncoder().encodeToString("alice:s3cret".getBytes());
    assertEquals("Basic " + expected, stub.requests().get(0).authorization());
  }

  @Test
  void shouldCarryTheRegistrysErrorCode() {
    // Given a registry that does not know the id
    stub.answer(404, "{\"error_code\":40403,\"message\":\"Schema 9 not found\"}");

    // When the id is looked up
    RegistryException e =
        assertThrows(RegistryException.class, () -> client(stub.url(), null).schemaById(9));

    // Then
    assertTrue(e.isNotFound());
    assertEquals(40403, e.errorCode());
    assertTrue(e.getMessage().contains("Schema 9 not found"), e.getMessage());
  }

  @Test
  void shouldPassAServerErrorOnToTheNextUrl() throws IOException {
    // Given a failing registry and a healthy one behind it
    stub.answer(503, "{\"error_code\":50301,\"message\":\"busy\"}");
    try (StubRegistry healthy = new StubRegistry().answer(200, "{\"id\":3}")) {

      // When a schema is registered through both
      int id =
          client(stub.url() + "," + healthy.url(), null)
              .register("t-value", TranslationRequest.getClassSchema());

      // Then the second answered
      assertEquals(3, id);
      assertEquals(1, stub.requests().size());
    }
  }

  @Test
  void shouldReportAnUnreachableRegistryAsUnavailable() throws IOException {
    String url = "http://127.0.0.1:" + deadPort();

    RegistryException e =
        assertThrows(RegistryException.class, () -> client(url, null).schemaById(1));

    assertTrue(e.isUnavailable());
  }

  @Test
  void shouldGiveDeserializersTheRegistryUnavailableCode() throws IOException {
    // Given a deserializer whose registry does not listen
    TranslationRequestDeserializer deserializer = new TranslationRequestDeserializer();
    deserializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:" + deadPort()), false);

    // When it needs a schema
    PayloadException e =
        assertThrows(
            PayloadException.class,
            () -> deserializer.deserialize("t", new byte[] {0, 0, 0, 0, 1, 0}));

    // Then
    assertEquals(ErrorCode.REGISTRY_UNAVAILABLE, e.code());
  }

  private static HttpSchemaRegistryClient client(String urls, String userInfo) {
    return new HttpSchemaRegistryClient(
        new RegistryClientConfig(
            List.of(urls.split(",")),
            userInfo,
            TlsSettings.DEFAULT,
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(-1)));
  }

  private static StubRegistry newStub() {
    try {
      return new StubRegistry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int deadPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
