package io.github.rela.model.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.decoding.StepMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static final BenchOptions OPTIONS =
      new BenchOptions(
          List.of(AttentionKind.SOFTMAX, AttentionKind.RELA_G),
          List.of(1),
          4,
          List.of(1),
          20,
          30,
          3.0,
          1,
          true,
          0,
          1L);

  @Test
  void shouldCompareModelsOfOneCellBatchByBatch() {
    // softmax's median batch is slower, but batch by batch rela-g is 2% slower every time
    List<Double> softmax = List.of(0.100, 0.100, 0.300, 0.300, 0.300);
    List<Double> relaG = new ArrayList<>();
    softmax.forEach(s -> relaG.add(s * 1.02));
    List<Double> relaGShifted = List.of(0.102, 0.102, 0.102, 0.306, 0.306);

    String report =
        print(
            cell(AttentionKind.SOFTMAX, 1, StepMode.INCREMENTAL, softmax),
            cell(AttentionKind.RELA_G, 1, StepMode.INCREMENTAL, relaG),
            cell(AttentionKind.SOFTMAX, 4, StepMode.INCREMENTAL, softmax),
            cell(AttentionKind.RELA_G, 4, StepMode.INCREMENTAL, relaGShifted),
            cell(AttentionKind.SOFTMAX, 1, StepMode.RECOMPUTE, List.of(0.3, 0.3, 0.3)),
            cell(AttentionKind.RELA_G, 1, StepMode.RECOMPUTE, List.of(0.3, 0.3, 0.3)));

    assertTrue(
        report.matches(
            "(?s).*rela-g / softmax, greedy batch 1 +0\\.98x \\[0\\.98-0\\.98, +5 batches\\]"
                + " \\(target >= 0\\.97x: met\\).*"),
        report);
    // beam 4: the ratios are 0.98x for three batches and 2.94x for two: the median is 0.98x
    assertTrue(
        report.matches(
            "(?s).*rela-g / softmax, beam 4 batch 1 +0\\.98x \\[0\\.98-2\\.94, +5 batches\\].*"),
        report);
    // cells measured apart (incremental against recompute) compare their medians: 0.300 / 0.306
    assertTrue(
        report.matches(
            "(?s).*rela-g greedy batch 1: incremental / recompute +0\\.98x +\\(target.*"),
        report);
  }

  @Test
  void shouldSayWhenTheIntervalStraddlesTheTarget() {
    List<Double> softmax = List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    List<Double> relaG = List.of(1.1, 1.1, 1.05, 1.04, 1.03, 1.02, 1.01, 1.0, 0.99, 0.98, 0.97);

    String report =
        print(
            cell(AttentionKind.SOFTMAX, 1, StepMode.INCREMENTAL, softmax),
            cell(AttentionKind.RELA_G, 1, StepMode.INCREMENTAL, relaG),
            cell(AttentionKind.SOFTMAX, 4, StepMode.INCREMENTAL, softmax),
            cell(AttentionKind.RELA_G, 4, StepMode.INCREMENTAL, softmax));

    assertTrue(
        report.matches(
            "(?s).*rela-g / softmax, greedy batch 1 +0\\.98x .*"
                + "\\(target >= 0\\.97x: met, not settled at 95%\\).*"),
        report);
  }

  @Test
  void shouldRejectAKindNamedTwice() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new BenchOptions(
                List.of(AttentionKind.SOFTMAX, AttentionKind.SOFTMAX),
                List.of(1),
                4,
                List.of(),
                20,
                30,
                3.0,
                1,
                true,
                0,
                1L));
  }

  private static CellResult cell(
      AttentionKind kind, int beam, StepMode mode, List<Double> batchSeconds) {
    double median = batchSeconds.stream().sorted().toList().get(batchSeconds.size() / 2);
    return new CellResult(kind, 0, beam, 1, mode, 1, 30, median, 1e9, batchSeconds);
  }

  private static String print(CellResult... cells) {
    StringWriter text = new StringWriter();
    new BenchReport(List.of(cells), 100.0, OPTIONS).print(new PrintWriter(text));
    return text.toString();
  }
}
