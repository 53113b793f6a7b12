package io.github.rela.streams.app;

import java.nio.file.Path;

/**
 * Where the shipped default model lives: {@code models/} under the installation, which the {@code
 * ./rela} script and the container image name through the {@code rela.home} system property
 * (default: the working directory).
 */
public final class DefaultModel {

  public static final String HOME_PROPERTY = "rela.home";

  private DefaultModel() {}

  public static Path directory() {
    return Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve("models");
  }
}
