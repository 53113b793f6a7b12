package io.github.rela.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's own defaults for shared options, e.g. {@code @OptionDefaults("--threads=1")}; {@code
 * _NULL_} (picocli's null value) leaves an option unset. Read by {@link Provider}, which the
 * command names as its {@code defaultValueProvider}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OptionDefaults {

  /** {@code --name=value} pairs. */
  String[] value();

  /** Looks an option's default up in its command's {@link OptionDefaults}. */
  final class Provider implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec option)) {
        return null;
      }
      OptionDefaults defaults =
          arg.command().userObject().getClass().getAnnotation(OptionDefaults.class);
      if (defaults == null) {
        return null;
      }
      for (String pair : defaults.value()) {
        int eq = pair.indexOf('=');
        if (option.longestName().equals(pair.substring(0, eq))) {
          return pair.substring(eq + 1);
        }
      }
      return null;
    }
  }
}
