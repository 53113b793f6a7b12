package io.github.rela.evaluation.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the project's data lives. The system property {@value #PROPERTY} wins, then the environment
 * variable {@value #ENV}; otherwise {@value #DEFAULT} relative to the repository root (the nearest
 * directory up from the working directory that holds {@code mvnw}), so the same default works from
 * the root, from a module directory under Maven, and from {@code ./rela}.
 */
public final class DataPaths {

  /** System property naming the data directory. */
  public static final String PROPERTY = "rela.data.dir";

  /** Environment variable naming the data directory. */
  public static final String ENV = "RELA_DATA_DIR";

  /** The default, relative to the repository root. */
  public static final String DEFAULT = "../shared/data/multi30k";

  private DataPaths() {}

  /** The data directory for this process. */
  public static Path dataDir() {
    return dataDir(System.getProperty(PROPERTY), System.getenv(), Path.of(""));
  }

  /** The data directory given a property value, an environment and a working directory. */
  static Path dataDir(String property, Map<String, String> env, Path workingDir) {
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return repositoryRoot(workingDir).resolve(DEFAULT).normalize();
  }

  /** The nearest directory at or above {@code start} that holds {@code mvnw}, else start. */
  public static Path repositoryRoot(Path start) {
    Path absolute = start.toAbsolutePath().normalize();
    for (Path dir = absolute; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    return absolute;
  }
}
