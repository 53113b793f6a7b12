package io.github.rela.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shared options a command requires, e.g. {@code @RequiredOptions("--src")}: the mixins declare
 * them optional once, and {@link Transformer} (the command's {@code modelTransformer}) makes them
 * required where they are, keeping their order in the help.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequiredOptions {

  /** Option names. */
  String[] value();

  /** Rebuilds the command's options with the named ones required. */
  final class Transformer implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      RequiredOptions required = spec.userObject().getClass().getAnnotation(RequiredOptions.class);
      if (required == null) {
        return spec;
      }
      List<String> names = List.of(required.value());
      List<OptionSpec> options = List.copyOf(spec.options());
      options.forEach(spec::remove);
      for (OptionSpec option : options) {
        spec.addOption(
            names.contains(option.longestName())
                ? option.toBuilder().required(true).build()
                : option);
      }
      return spec;
    }
  }
}
