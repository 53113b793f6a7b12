package io.github.rela.schemas.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry 2.6 in a child process on 127.0.0.1, serving the Confluent API at {@link
 * #confluentApiUrl()}. Maven unpacks it into {@code target/apicurio} (system property {@code
 * apicurio.home}). Its storage is in memory, or an H2 database file ({@link #start(Path)}) whose
 * schemas and ids survive {@link #stop()} and {@link #restart()} on the same port. The process is
 * stopped by {@link #close()} and, should the test JVM end otherwise, by a shutdown hook.
 */
public final class ApicurioRegistry implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final Path home;
  private final int port;
  private final Path log;
  private final Path storage;
  private final Thread shutdownHook;
  private Process process;

  private ApicurioRegistry(Path home, int port, Path storage) {
    this.home = home;
    this.port = port;
    this.log = home.resolveSibling("apicurio-" + port + ".log");
    this.storage = storage;
    this.shutdownHook = new Thread(this::stop, "apicurio-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts the registry with in-memory storage and waits until it reports ready. */
  public static ApicurioRegistry start() throws IOException, InterruptedException {
    return start(null);
  }

  /**
   * Starts the registry with its storage in an H2 database under {@code storage} (null: in memory)
   * and waits until it reports ready.
   */
  public static ApicurioRegistry start(Path storage) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("apicurio.home", "target/apicurio"));
    ApicurioRegistry registry = new ApicurioRegistry(home, freePort(), storage);
    registry.launch();
    return registry;
  }

  /** Starts the stopped registry again on the same port and storage; waits until it is ready. */
  public void restart() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Apicurio is still running");
    }
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-jar",
                    runnerJar(home).toString()))
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (storage != null) {
      // The application's own switch from its in-memory H2 database to a file.
      builder
          .environment()
          .put(
              "REGISTRY_DATASOURCE_URL",
              "jdbc:h2:file:"
                  + storage.toAbsolutePath().resolve("registry")
                  + ";DB_CLOSE_ON_EXIT=FALSE");
    }
    process = builder.start();
    awaitReady();
  }

  /** Base URL of the Confluent-compatible API, the value for {@code schema.registry.url}. */
  public String confluentApiUrl() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  @Override
  public void close() {
    stop();
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
  }

  /** Stops the registry (SIGTERM, then SIGKILL after 20 s); {@link #restart()} starts it again. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Apicurio exited early; its log:\n" + tail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    stop();
    throw new IllegalStateException(
        "Apicurio not ready after " + STARTUP_TIMEOUT + "; its log:\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static Path runnerJar(Path home) throws IOException {
    if (!Files.isDirectory(home)) {
      throw new IllegalStateException(
          home.toAbsolutePath()
              + " is missing: run the tests through Maven (`verify`), which"
              + " unpacks io.apicurio:apicurio-registry-app:tar.gz:all there");
    }
    try (Stream<Path> files = Files.list(home)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No *-runner.jar in " + home));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
