package io.github.rela.training.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkedSectionTest {

  @TempDir Path dir;

  @Test
  void shouldReplaceOnlyTheMarkedSection() throws Exception {
    // Given a README with a marked section
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "# Title\n<!-- table:start -->\nold\n<!-- table:end -->\nrest\n");

    // When the section is regenerated twice
    MarkedSection.replace(readme, "table", "| a |\n");
    MarkedSection.replace(readme, "table", "| b |");

    // Then only its body changed
    assertEquals(
        "# Title\n<!-- table:start -->\n| b |\n<!-- table:end -->\nrest\n",
        Files.readString(readme));
  }

  @Test
  void shouldRefuseAFileWithoutTheMarkers() throws Exception {
    Path readme = Files.writeString(dir.resolve("README.md"), "# Title\n");

    assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace(readme, "table", "x"));
  }
}
