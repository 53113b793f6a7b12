package io.github.rela.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --set KEY=VALUE}, repeatable: any other setting, passed through in order. */
public final class SetOption {

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Any other setting (of the app, or of the Kafka clients and serdes), e.g. --set"
              + " rela.batch.size=16 --set security.protocol=SSL.")
  private Map<String, String> settings = new LinkedHashMap<>();

  Map<String, String> values() {
    return settings;
  }
}
