package io.github.rela.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/** An HTTP(S) server on 127.0.0.1 that answers every request with one canned response. */
final class StubRegistry implements AutoCloseable {

  /** What a request looked like on arrival. */
  record Request(
      String method, String path, String contentType, String authorization, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body = "{}";

  private final String scheme;

  StubRegistry() throws IOException {
    this(null);
  }

  /** Serves HTTPS with this context's certificate, or plain HTTP when it is null. */
  StubRegistry(SSLContext tls) throws IOException {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
      scheme = "http";
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
      scheme = "https";
    }
    server.createContext("/", this::handle);
    server.start();
  }

  StubRegistry answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
  }

  List<Request> requests() {
    return requests;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
