package io.github.rela.schemas.registry.server;

import com.sun.net.httpserver.HttpServer;
import io.github.rela.schemas.registry.FileSchemaRegistry;
import io.github.rela.schemas.registry.InProcessRegistries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Confluent-compatible Schema Registry REST endpoint on the loopback interface, serving a {@link
 * FileSchemaRegistry} (routes: {@link RegistryRoutes}). Small by design: one process's own registry
 * for local development; a production deployment points at a real registry.
 *
 * <p>While it runs, serdes in this JVM configured with its {@link #url()} use the registry directly
 * ({@link InProcessRegistries}).
 */
public final class RegistryServer implements AutoCloseable {

  /** The port local-development registries (Confluent's, Redpanda's) listen on. */
  public static final int DEFAULT_PORT = 8081;

  private static final String HOST = "127.0.0.1";

  private final HttpServer http;
  private final ExecutorService workers;
  private final String url;

  private RegistryServer(HttpServer http, ExecutorService workers) {
    this.http = http;
    this.workers = workers;
    this.url = "http://" + HOST + ":" + http.getAddress().getPort();
  }

  /**
   * Serves {@code registry} on 127.0.0.1 at {@code preferredPort}, or on a free port when that one
   * is taken (or is 0).
   */
  public static RegistryServer start(FileSchemaRegistry registry, int preferredPort) {
    HttpServer http = bind(preferredPort);
    ExecutorService workers =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "rela-schema-registry");
              thread.setDaemon(true);
              return thread;
            });
    http.createContext("/", new RegistryRoutes(registry));
    http.setExecutor(workers);
    http.start();
    RegistryServer server = new RegistryServer(http, workers);
    InProcessRegistries.serve(server.url, registry);
    return server;
  }

  /** The base URL clients use: {@code http://127.0.0.1:<port>}. */
  public String url() {
    return url;
  }

  /** The port it listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    InProcessRegistries.withdraw(url);
    http.stop(0);
    workers.shutdownNow();
  }

  private static HttpServer bind(int preferredPort) {
    try {
      try {
        return HttpServer.create(new InetSocketAddress(HOST, preferredPort), 0);
      } catch (BindException taken) {
        return HttpServer.create(new InetSocketAddress(HOST, 0), 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the schema registry's port on " + HOST, e);
    }
  }
}
