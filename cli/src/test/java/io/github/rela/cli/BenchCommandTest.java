package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  @Test
  void shouldPrintTheTableAndTheRatiosInOneRun() {
    // Given: the shipped model size, but tiny workloads
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));
    // When
    int exit =
        command.execute(
            "--kinds=softmax,rela-g",
            "--batch-sizes=1",
            "--recompute-batch-sizes=1",
            "--beam=2",
            "--source-length=4",
            "--output-length=2",
            "--seconds=0.01",
            "--rounds=1",
            "--peak-size=64");
    // Then
    String report = out.toString();
    assertEquals(0, exit);
    assertTrue(report.contains("fp32 matmul peak"), report);
    assertTrue(report.contains("| softmax"), report);
    assertTrue(report.contains("rela-g greedy batch 1: incremental / recompute"), report);
    assertTrue(report.contains("rela-g / softmax, beam 2 batch 1"), report);
  }

  @Test
  void shouldReportResidentMemoryDuringASoak() {
    // Given
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));
    // When
    int exit =
        command.execute("--soak=8", "--soak-batch=4", "--source-length=4", "--output-length=2");
    // Then
    assertEquals(0, exit);
    assertTrue(
        out.toString().contains("Resident memory growth over the second half"), out.toString());
    assertTrue(out.toString().contains("8 sentences"), out.toString());
  }
}
