package io.github.rela.streams.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.streams.settings.RelaStreamsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerReadmeTest {

  private static final String START = "<!-- rela-settings:start -->\n";
  private static final String END = "<!-- rela-settings:end -->";

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "docker/README.md"})
  void shouldListEveryRelaSettingAsAnEnvironmentVariable(String file) throws Exception {
    // Given a README and the configuration's definition
    Path readme = RepositoryRoot.find().resolve(file);
    String text = Files.readString(readme);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    assertTrue(start >= 0 && end > start, readme + " lacks the markers " + START.strip() + END);

    // When the table between the markers is compared with one written from the definition
    String documented = text.substring(start + START.length(), end);
    String expected = EnvironmentTable.markdown(RelaStreamsConfig.DEFINITION);

    // Then they are the same
    assertEquals(
        expected,
        documented,
        file + "'s settings table is out of date; replace it with:\n" + expected);
  }
}
