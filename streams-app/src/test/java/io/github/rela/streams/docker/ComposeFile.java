package io.github.rela.streams.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A compose file read as YAML, for what the tests look at: the services' environments. */
final class ComposeFile {

  private final JsonNode root;

  private ComposeFile(JsonNode root) {
    this.root = root;
  }

  static ComposeFile parse(String yaml) {
    try {
      return new ComposeFile(new YAMLMapper().readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException("Not a YAML compose file", e);
    }
  }

  static ComposeFile read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** A service's command, its list form joined by spaces. */
  String command(String service) {
    JsonNode command = service(service).path("command");
    if (!command.isArray()) {
      return command.asText();
    }
    StringBuilder joined = new StringBuilder();
    command.forEach(part -> joined.append(part.asText()).append(' '));
    return joined.toString().strip();
  }

  /**
   * The environment compose gives a service, in either of compose's two spellings: a mapping
   * ({@code KEY: value}) or a list ({@code - KEY=value}). A key without a value is passed from the
   * caller's environment; it maps to the empty string here.
   */
  Map<String, String> environment(String service) {
    Map<String, String> environment = new TreeMap<>();
    JsonNode entries = service(service).path("environment");
    if (entries.isArray()) {
      entries.forEach(
          entry -> {
            String[] pair = entry.asText().split("=", 2);
            environment.put(pair[0], pair.length == 2 ? pair[1] : "");
          });
    } else {
      entries
          .properties()
          .forEach(
              e -> environment.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    }
    return environment;
  }

  private JsonNode service(String name) {
    JsonNode node = root.path("services").path(name);
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("The compose file has no service '" + name + "'");
    }
    return node;
  }
}
