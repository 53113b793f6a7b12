package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Member;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each option name is declared in one place: an option several commands take is a mixin, not a copy
 * per command (so that its name, label, default and help stay the same everywhere).
 */
class OptionsDeclaredOnceTest {

  @Test
  void shouldDeclareEveryOptionNameInOneClass() {
    // Given every command
    Map<String, Set<String>> declaredIn = new TreeMap<>();
    for (CommandLine command : Rela.commandLine().getSubcommands().values()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        // When the class declaring each option is looked up
        if (option.userObject() instanceof Member member
            && !member.getDeclaringClass().getName().startsWith("picocli.")
            && !isCompareModels(command, option)) {
          declaredIn
              .computeIfAbsent(option.longestName(), n -> new TreeSet<>())
              .add(member.getDeclaringClass().getName());
        }
      }
    }
    // Then no name has two declarations
    Map<String, Set<String>> twice = new TreeMap<>();
    declaredIn.forEach(
        (name, classes) -> {
          if (classes.size() > 1) {
            twice.put(name, classes);
          }
        });
    assertEquals(Map.of(), twice);
  }

  /**
   * compare's {@code --model NAME=DIR}, repeated once per model compared, is another option than
   * the one checkpoint {@code --model DIR} of the other commands that shares its name.
   */
  private static boolean isCompareModels(CommandLine command, OptionSpec option) {
    return command.getCommand() instanceof CompareCommand && option.longestName().equals("--model");
  }
}
