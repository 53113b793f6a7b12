package io.github.rela.evaluation.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Path2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A line, scatter or bar chart written as PNG with Java2D, so that training curves, null-rate
 * histograms and null rate against chrF come out as pictures without a plotting dependency or a
 * display.
 */
public final class Chart {

  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 55;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private double[] barEdges;
  private double[] barHeights;

  public Chart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public Chart add(Series s) {
    series.add(s);
    return this;
  }

  /** Bars between consecutive {@code edges}, {@code heights.length == edges.length - 1}. */
  public Chart bars(double[] edges, double[] heights) {
    if (edges.length != heights.length + 1) {
      throw new IllegalArgumentException("bars need one more edge than heights");
    }
    barEdges = edges.clone();
    barHeights = heights.clone();
    return this;
  }

  /** A histogram of {@code values} in {@code bins} equal bins over [min, max]. */
  public static Chart histogram(
      String title, String xLabel, double[] values, double min, double max, int bins) {
    double[] edges = new double[bins + 1];
    double[] counts = new double[bins];
    for (int i = 0; i <= bins; i++) {
      edges[i] = min + (max - min) * i / bins;
    }
    for (double v : values) {
      int bin = (int) Math.floor((v - min) / (max - min) * bins);
      counts[Math.max(0, Math.min(bins - 1, bin))]++;
    }
    return new Chart(title, xLabel, "count").bars(edges, counts);
  }

  public void writePng(Path file, int width, int height) {
    Frame frame = frame(width, height);
    try (Canvas canvas = new Canvas(width, height)) {
      drawAxes(canvas, frame);
      if (barEdges != null) {
        drawBars(canvas, frame);
      }
      for (int i = 0; i < series.size(); i++) {
        drawSeries(canvas, frame, series.get(i), Canvas.PALETTE[i % Canvas.PALETTE.length]);
      }
      drawLegend(canvas, frame);
      canvas.writePng(file);
    }
  }

  /** Data bounds mapped to pixel bounds. */
  private record Frame(
      double minX, double maxX, double minY, double maxY, int x0, int x1, int y0, int y1) {
    int px(double x) {
      return (int) Math.round(x0 + (x - minX) / (maxX - minX) * (x1 - x0));
    }

    int py(double y) {
      return (int) Math.round(y0 - (y - minY) / (maxY - minY) * (y0 - y1));
    }
  }

  private Frame frame(int width, int height) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = barEdges != null ? 0 : Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      minX = Math.min(minX, s.minX());
      maxX = Math.max(maxX, s.maxX());
      minY = Math.min(minY, s.minY());
      maxY = Math.max(maxY, s.maxY());
    }
    if (barEdges != null) {
      minX = Math.min(minX, barEdges[0]);
      maxX = Math.max(maxX, barEdges[barEdges.length - 1]);
      for (double h : barHeights) {
        maxY = Math.max(maxY, h);
      }
    }
    if (!(maxX > minX)) {
      maxX = minX + 1;
    }
    if (!(maxY > minY)) {
      maxY = minY + 1;
    }
    double pad = (maxY - minY) * 0.05;
    return new Frame(
        minX,
        maxX,
        barEdges != null ? minY : minY - pad,
        maxY + pad,
        LEFT,
        width - RIGHT,
        height - BOTTOM,
        TOP);
  }

  private void drawAxes(Canvas c, Frame f) {
    c.g.setColor(new Color(0xeeeeee));
    for (double t : Ticks.between(f.minY, f.maxY, 6)) {
      c.g.drawLine(f.x0, f.py(t), f.x1, f.py(t));
    }
    c.g.setColor(Color.DARK_GRAY);
    c.g.drawRect(f.x0, f.y1, f.x1 - f.x0, f.y0 - f.y1);
    for (double t : Ticks.between(f.minX, f.maxX, 8)) {
      c.g.drawLine(f.px(t), f.y0, f.px(t), f.y0 + 4);
      c.centeredText(Ticks.label(t), f.px(t), f.y0 + 18);
    }
    for (double t : Ticks.between(f.minY, f.maxY, 6)) {
      c.g.drawLine(f.x0 - 4, f.py(t), f.x0, f.py(t));
      c.rightAlignedText(Ticks.label(t), f.x0 - 6, f.py(t) + 4);
    }
    c.centeredText(xLabel, (f.x0 + f.x1) / 2, f.y0 + 40);
    c.g.rotate(-Math.PI / 2);
    c.centeredText(yLabel, -(f.y0 + f.y1) / 2, 18);
    c.g.rotate(Math.PI / 2);
    c.g.setFont(Canvas.TITLE);
    c.centeredText(title, (f.x0 + f.x1) / 2, 24);
    c.g.setFont(Canvas.TEXT);
  }

  private void drawBars(Canvas c, Frame f) {
    for (int i = 0; i < barHeights.length; i++) {
      int left = f.px(barEdges[i]);
      int right = f.px(barEdges[i + 1]);
      int top = f.py(barHeights[i]);
      c.g.setColor(new Color(0x1f77b4));
      c.g.fillRect(left, top, Math.max(1, right - left - 1), f.y0 - top);
    }
  }

  private void drawSeries(Canvas c, Frame f, Series s, Color color) {
    c.g.setColor(color);
    if (s.style() == Series.Style.DOTS) {
      c.g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
      for (int i = 0; i < s.x().length; i++) {
        c.g.fillOval(f.px(s.x()[i]) - 3, f.py(s.y()[i]) - 3, 6, 6);
      }
      return;
    }
    Path2D.Double line = new Path2D.Double();
    boolean started = false;
    for (int i = 0; i < s.x().length; i++) {
      if (!Double.isFinite(s.y()[i])) {
        continue;
      }
      if (started) {
        line.lineTo(f.px(s.x()[i]), f.py(s.y()[i]));
      } else {
        line.moveTo(f.px(s.x()[i]), f.py(s.y()[i]));
        started = true;
      }
    }
    c.g.setStroke(new BasicStroke(2f));
    c.g.draw(line);
    c.g.setStroke(new BasicStroke(1f));
  }

  private void drawLegend(Canvas c, Frame f) {
    if (series.size() < 2) {
      return;
    }
    int y = f.y1 + 18;
    for (int i = 0; i < series.size(); i++) {
      c.g.setColor(Canvas.PALETTE[i % Canvas.PALETTE.length]);
      c.g.fillRect(f.x1 - 150, y - 9, 12, 12);
      c.g.setColor(Color.DARK_GRAY);
      c.g.drawString(series.get(i).name(), f.x1 - 132, y + 1);
      y += 18;
    }
  }
}
