package io.github.rela.streams.docker;

import io.github.rela.streams.settings.ConfigLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * The Markdown table of rela's settings as environment variables, written from the configuration's
 * definition so that the docker README cannot drift from the code.
 */
final class EnvironmentTable {

  private EnvironmentTable() {}

  static String markdown(ConfigDef definition) {
    StringBuilder table = new StringBuilder();
    table.append("| variable | setting | default | meaning |\n");
    table.append("|---|---|---|---|\n");
    for (ConfigKey key : definition.configKeys().values()) {
      table
          .append("| `")
          .append(ConfigLoader.environmentVariable(key.name))
          .append("` | `")
          .append(key.name)
          .append("` | ")
          .append(defaultValue(key))
          .append(" | ")
          .append(key.documentation.replace("|", "\\|"))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String defaultValue(ConfigKey key) {
    if (key.defaultValue == null) {
      return "(unset)";
    }
    String value = key.defaultValue.toString();
    return value.isEmpty() ? "(empty)" : "`" + value + "`";
  }
}
