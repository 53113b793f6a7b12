package io.github.rela.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Versions of rela and of the engines it runs on, read from the build's filtered resource. */
public final class RelaVersion implements IVersionProvider {

  private static final String RESOURCE = "/rela-version.properties";

  @Override
  public String[] getVersion() {
    Properties build = load();
    return new String[] {
      "rela " + build.getProperty("version"),
      "Kafka "
          + build.getProperty("kafka")
          + ", DJL "
          + build.getProperty("djl")
          + " (PyTorch "
          + build.getProperty("pytorch")
          + ")",
      "JVM: ${java.version} (${java.vendor} ${java.vm.name} ${java.vm.version})",
      "OS: ${os.name} ${os.version} ${os.arch}"
    };
  }

  /** The version string of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return load().getProperty("version");
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = RelaVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
