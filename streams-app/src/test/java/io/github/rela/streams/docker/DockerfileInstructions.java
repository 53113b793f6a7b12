package io.github.rela.streams.docker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile's last stage (the image that ships), with continuation lines
 * joined and comments dropped, for what the tests look at: the command and the environment.
 */
final class DockerfileInstructions {

  /** One {@code KEY=value} of an ENV instruction; the value may be double-quoted. */
  private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

  /** Each instruction as {keyword, arguments}. */
  private final List<String[]> instructions;

  private DockerfileInstructions(List<String[]> instructions) {
    this.instructions = instructions;
  }

  static DockerfileInstructions parse(String dockerfile) {
    List<String[]> all = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String[] parts = current.toString().split("\\s+", 2);
      all.add(new String[] {parts[0].toUpperCase(Locale.ROOT), parts.length == 2 ? parts[1] : ""});
      current.setLength(0);
    }
    return new DockerfileInstructions(lastStage(all));
  }

  static DockerfileInstructions read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** The command the container runs by default: ENTRYPOINT followed by CMD, both in exec form. */
  List<String> command() {
    List<String> command = new ArrayList<>(execForm("ENTRYPOINT"));
    command.addAll(execForm("CMD"));
    return command;
  }

  /** The variables set by ENV, in order, quotes removed. */
  Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String[] instruction : instructions) {
      if (instruction[0].equals("ENV")) {
        Matcher pair = ENV_PAIR.matcher(instruction[1]);
        while (pair.find()) {
          environment.put(pair.group(1), unquote(pair.group(2)));
        }
      }
    }
    return environment;
  }

  /** The arguments of every COPY from the build context (not --from another stage). */
  List<String> contextCopies() {
    return instructions.stream()
        .filter(i -> i[0].equals("COPY") && !i[1].startsWith("--from"))
        .map(i -> i[1])
        .toList();
  }

  /** The arguments of the last instruction of this kind, which must be a JSON array. */
  private List<String> execForm(String keyword) {
    String arguments = null;
    for (String[] instruction : instructions) {
      if (instruction[0].equals(keyword)) {
        arguments = instruction[1];
      }
    }
    if (arguments == null) {
      return List.of();
    }
    try {
      return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(
          keyword + " must be in exec form (a JSON array), not " + arguments, e);
    }
  }

  private static List<String[]> lastStage(List<String[]> all) {
    int from = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i)[0].equals("FROM")) {
        from = i;
      }
    }
    return List.copyOf(all.subList(from, all.size()));
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }
    return value;
  }
}
