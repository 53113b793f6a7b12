package io.github.rela.streams.local;

import io.github.rela.model.checkpoint.DefaultModel;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where the embedded broker and schema registry of a running {@code rela run} answer, advertised in
 * {@code var/endpoints.properties} beside their data so that other commands ({@code load-eval},
 * {@code replay}) find them without flags, even when the default ports were taken.
 *
 * @param bootstrapServers the broker's {@code bootstrap.servers}
 * @param registryUrl the registry's base URL
 */
public record LocalEndpoints(String bootstrapServers, String registryUrl) {

  /** Where the commands look unless told otherwise. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  /** The registry the commands use for a broker not advertised here (local-development port). */
  public static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:8081";

  private static final String FILE_NAME = "endpoints.properties";

  /** The file of the default embedded data directory, {@code <rela.home>/var/kafka}. */
  public static Path defaultFile() {
    return Path.of(System.getProperty(DefaultModel.HOME_PROPERTY, "."))
        .resolve("var")
        .resolve(FILE_NAME);
  }

  /** The file that advertises the embedded broker whose data is in {@code brokerDataDir}. */
  public static Path fileBeside(Path brokerDataDir) {
    return brokerDataDir.toAbsolutePath().resolveSibling(FILE_NAME);
  }

  /**
   * The endpoints a command uses: the ones given, else those advertised in {@code file}; the
   * registry advertised there only goes with the broker advertised there.
   *
   * @param bootstrapServers the {@code --bootstrap-servers} option, or null
   * @param registryUrl the {@code --schema-registry-url} option, or null
   */
  public static LocalEndpoints resolve(String bootstrapServers, String registryUrl, Path file) {
    LocalEndpoints advertised = read(file);
    String broker =
        bootstrapServers != null
            ? bootstrapServers
            : advertised != null ? advertised.bootstrapServers() : DEFAULT_BOOTSTRAP_SERVERS;
    if (registryUrl != null) {
      return new LocalEndpoints(broker, registryUrl);
    }
    boolean sameBroker = advertised != null && advertised.bootstrapServers().equals(broker);
    return new LocalEndpoints(broker, sameBroker ? advertised.registryUrl() : DEFAULT_REGISTRY_URL);
  }

  /** The endpoints advertised in {@code file}, or null when there is none. */
  static LocalEndpoints read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    String broker = p.getProperty("bootstrap.servers");
    String registry = p.getProperty("schema.registry.url");
    return broker == null || registry == null ? null : new LocalEndpoints(broker, registry);
  }

  /** Advertises these endpoints in {@code file} (written whole, then moved into place). */
  public void write(Path file) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.setProperty("schema.registry.url", registryUrl);
    Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        p.store(out, "Written by rela's embedded mode while it runs");
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Withdraws the advertisement in {@code file}, if it is still this one's. */
  public void withdraw(Path file) {
    if (equals(read(file))) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove " + file, e);
      }
    }
  }
}
