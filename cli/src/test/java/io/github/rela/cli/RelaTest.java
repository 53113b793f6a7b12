package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RelaTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Rela.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldListCommandsInHelp() {
    int code = run("--help");

    assertEquals(0, code);
    assertTrue(out.toString().contains("Usage: rela"), out.toString());
    assertTrue(out.toString().contains("Commands:"), out.toString());
    assertTrue(out.toString().contains("help"), out.toString());
  }

  @Test
  void shouldPrintVersionOfBuildAndEngines() {
    int code = run("--version");

    assertEquals(0, code);
    String version = out.toString();
    assertTrue(version.startsWith("rela " + RelaVersion.version()), version);
    assertTrue(version.contains("Kafka 4."), version);
    assertTrue(version.contains("DJL 0.36.0"), version);
  }

  @Test
  void shouldRejectUnknownCommandWithItsName() {
    int code = run("transalte");

    assertEquals(2, code);
    assertTrue(err.toString().contains("unknown command 'transalte'"), err.toString());
    assertTrue(err.toString().matches("(?s).*Commands: .*help.*"), err.toString());
  }

  @Test
  void shouldRejectUnknownOption() {
    int code = run("--frobnicate");

    assertEquals(2, code);
    assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
  }

  @Test
  void shouldShowUsageWithoutCommand() {
    int code = run();

    assertEquals(0, code);
    assertTrue(out.toString().contains("Usage: rela"), out.toString());
  }

  @Test
  void shouldReportAFailedCommandInOneLineWithoutStackTrace() {
    int code = run("translate", "--model", "/no/such/checkpoint");

    assertEquals(1, code);
    assertTrue(err.toString().startsWith("rela translate: "), err.toString());
    assertTrue(err.toString().contains("/no/such/checkpoint"), err.toString());
    assertTrue(!err.toString().contains("\tat "), err.toString());
  }
}
