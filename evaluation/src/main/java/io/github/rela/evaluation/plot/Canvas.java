package io.github.rela.evaluation.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A white RGB image with anti-aliased drawing, written as PNG; shared by every chart. */
final class Canvas implements AutoCloseable {

  static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b)
  };

  final BufferedImage image;
  final Graphics2D g;

  Canvas(int width, int height) {
    System.setProperty("java.awt.headless", "true");
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(TEXT);
  }

  void centeredText(String text, int x, int y) {
    g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
  }

  void rightAlignedText(String text, int x, int y) {
    g.drawString(text, x - g.getFontMetrics().stringWidth(text), y);
  }

  /** Writes the image as PNG, creating parent directories. */
  void writePng(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the picture " + file, e);
    }
  }

  @Override
  public void close() {
    g.dispose();
  }
}
