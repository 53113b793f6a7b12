package io.github.rela.evaluation.plot;

import io.github.rela.model.translate.SparseAttention;
import io.github.rela.model.translate.SparseRow;
import io.github.rela.model.translate.Translation;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Attention weights as a grid: one row per target token, one column per source token, darker for
 * larger weights. Exact zeros stay white and all-zero (null) rows are marked, since both are what
 * ReLA's sparse attention is about.
 */
public final class Heatmap {

  private static final int CELL = 22;
  private static final int MARGIN = 12;

  private final String title;
  private final List<String> sourceTokens;
  private final List<String> targetTokens;
  private final float[][] weights;

  /**
   * @param weights {@code [target][source]} attention weights, e.g. averaged over heads
   */
  public Heatmap(
      String title, List<String> sourceTokens, List<String> targetTokens, float[][] weights) {
    if (weights.length != targetTokens.size()) {
      throw new IllegalArgumentException(
          weights.length + " weight rows for " + targetTokens.size() + " target tokens");
    }
    for (float[] row : weights) {
      if (row.length != sourceTokens.size()) {
        throw new IllegalArgumentException(
            row.length + " weights in a row for " + sourceTokens.size() + " source tokens");
      }
    }
    this.title = title;
    this.sourceTokens = List.copyOf(sourceTokens);
    this.targetTokens = List.copyOf(targetTokens);
    this.weights = weights;
  }

  /**
   * The aggregated cross-attention of a translation (as {@link
   * io.github.rela.model.translate.AttentionView} chose it), target tokens by source positions.
   */
  public static Heatmap crossAttention(String title, Translation t) {
    return crossAttention(title, t.sourceTokens(), t.targetTokens(), t.attention());
  }

  /** The same from its parts, e.g. a result read back from a topic. */
  public static Heatmap crossAttention(
      String title,
      List<String> sourceTokens,
      List<String> targetTokens,
      SparseAttention attention) {
    int sources = attention.sourceLength();
    List<String> sourceLabels = new ArrayList<>(sourceTokens);
    while (sourceLabels.size() < sources) {
      sourceLabels.add("</s>");
    }
    int targets = Math.min(targetTokens.size(), attention.rows().size());
    float[][] weights = new float[targets][sources];
    for (int target = 0; target < targets; target++) {
      SparseRow row = attention.rows().get(target);
      for (int k = 0; k < row.positions().length; k++) {
        weights[target][row.positions()[k]] = row.weights()[k];
      }
    }
    return new Heatmap(
        title, sourceLabels.subList(0, sources), targetTokens.subList(0, targets), weights);
  }

  public void writePng(Path file) {
    try (Canvas c = render()) {
      c.writePng(file);
    }
  }

  /** Writes {@code panels} next to each other, top-aligned, in one PNG (e.g. two models). */
  public static void writeSideBySide(Path file, List<Heatmap> panels) {
    List<Canvas> rendered = new ArrayList<>();
    try {
      for (Heatmap panel : panels) {
        rendered.add(panel.render());
      }
      int width = rendered.stream().mapToInt(c -> c.image.getWidth()).sum();
      int height = rendered.stream().mapToInt(c -> c.image.getHeight()).max().orElse(1);
      try (Canvas whole = new Canvas(Math.max(1, width), height)) {
        int x = 0;
        for (Canvas c : rendered) {
          whole.g.drawImage(c.image, x, 0, null);
          x += c.image.getWidth();
        }
        whole.writePng(file);
      }
    } finally {
      rendered.forEach(Canvas::close);
    }
  }

  private Canvas render() {
    int labelWidth = 8 + 7 * maxLength(targetTokens);
    int labelHeight = 8 + 7 * maxLength(sourceTokens);
    int left = MARGIN + labelWidth;
    int top = MARGIN + 24 + labelHeight;
    int width = left + CELL * sourceTokens.size() + MARGIN + 40;
    int height = top + CELL * targetTokens.size() + MARGIN;
    float max = maxWeight();
    // The bold title needs about 8 px a character.
    Canvas c = new Canvas(Math.max(width, 2 * MARGIN + 8 * title.length()), height);
    c.g.setFont(Canvas.TITLE);
    c.g.setColor(Color.BLACK);
    c.g.drawString(title, MARGIN, MARGIN + 12);
    c.g.setFont(Canvas.TEXT);
    drawSourceLabels(c, left, top);
    for (int t = 0; t < targetTokens.size(); t++) {
      int y = top + t * CELL;
      c.g.setColor(Color.BLACK);
      c.rightAlignedText(targetTokens.get(t), left - 6, y + CELL - 7);
      drawRow(c, weights[t], max, left, y);
    }
    return c;
  }

  private void drawSourceLabels(Canvas c, int left, int top) {
    c.g.setColor(Color.BLACK);
    for (int s = 0; s < sourceTokens.size(); s++) {
      int x = left + s * CELL + CELL / 2 + 4;
      c.g.rotate(-Math.PI / 2, x, top - 6);
      c.g.drawString(sourceTokens.get(s), x, top - 6);
      c.g.rotate(Math.PI / 2, x, top - 6);
    }
  }

  private void drawRow(Canvas c, float[] row, float max, int left, int y) {
    boolean nullRow = true;
    for (int s = 0; s < row.length; s++) {
      nullRow &= row[s] == 0f;
      c.g.setColor(shade(row[s] / max));
      c.g.fillRect(left + s * CELL, y, CELL, CELL);
      c.g.setColor(new Color(0xdddddd));
      c.g.drawRect(left + s * CELL, y, CELL, CELL);
    }
    if (nullRow) {
      c.g.setColor(new Color(0xd62728));
      c.g.drawString("null", left + row.length * CELL + 6, y + CELL - 7);
    }
  }

  /** White for exactly zero, then from light to dark blue. */
  private static Color shade(float share) {
    if (share <= 0f) {
      return Color.WHITE;
    }
    float v = Math.min(1f, share);
    int r = Math.round(222 - 214 * v);
    int g = Math.round(235 - 187 * v);
    int b = Math.round(247 - 140 * v);
    return new Color(r, g, b);
  }

  private float maxWeight() {
    float max = 0f;
    for (float[] row : weights) {
      for (float w : row) {
        max = Math.max(max, w);
      }
    }
    return max > 0f ? max : 1f;
  }

  private static int maxLength(List<String> tokens) {
    return tokens.stream().mapToInt(String::length).max().orElse(1);
  }
}
