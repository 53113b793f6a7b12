package io.github.rela.streams.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What changed between two replay reports (two models, or two runs): the corpus figures side by
 * side, and the sentences, matched by request id, whose chrF moved most.
 */
public final class ReportComparison {

  private static final List<String> FIGURES =
      List.of(
          "bleu",
          "chrf",
          "null_rate_mean",
          "null_rate_chrf_spearman",
          "flag_precision_worst10",
          "flag_recall_worst10");

  private ReportComparison() {}

  /** A sentence present in both reports. */
  record Change(String id, double chrfA, double chrfB, String translationA, String translationB) {
    double delta() {
      return chrfB - chrfA;
    }
  }

  /** The comparison as Markdown, with the {@code top} sentences that changed most. */
  public static String compare(Path a, Path b, int top) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode left = json.readTree(a.toFile());
    JsonNode right = json.readTree(b.toFile());
    StringBuilder md = new StringBuilder();
    md.append("| figure | A | B | B - A |\n|---|---|---|---|\n");
    for (String figure : FIGURES) {
      double x = left.path(figure).asDouble(Double.NaN);
      double y = right.path(figure).asDouble(Double.NaN);
      md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %+.4f |%n", figure, x, y, y - x));
    }
    List<Change> changes = changes(left, right);
    md.append(
        String.format(
            Locale.ROOT,
            "%n%d sentences in both reports; the %d whose sentence chrF changed most:%n%n",
            changes.size(),
            Math.min(top, changes.size())));
    md.append("| id | chrF A | chrF B | translation A | translation B |\n|---|---|---|---|---|\n");
    changes.stream()
        .sorted(
            Comparator.comparingDouble((Change c) -> -Math.abs(c.delta()))
                .thenComparing(Change::id))
        .limit(top)
        .forEach(
            c ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "| %s | %.1f | %.1f | %s | %s |%n",
                        c.id(),
                        c.chrfA(),
                        c.chrfB(),
                        c.translationA(),
                        c.translationB())));
    return md.toString();
  }

  static List<Change> changes(JsonNode left, JsonNode right) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    left.path("details").forEach(d -> byId.put(d.path("id").asText(), d));
    List<Change> changes = new ArrayList<>();
    right
        .path("details")
        .forEach(
            d -> {
              JsonNode before = byId.get(d.path("id").asText());
              if (before != null) {
                changes.add(
                    new Change(
                        d.path("id").asText(),
                        before.path("chrf").asDouble(),
                        d.path("chrf").asDouble(),
                        before.path("translation").asText(),
                        d.path("translation").asText()));
              }
            });
    return changes;
  }
}
