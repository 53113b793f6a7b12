package io.github.rela.evaluation.corpus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small corpus files for tests. */
final class CorpusFiles {

  private CorpusFiles() {}

  static Path text(Path dir, String name, String content) throws IOException {
    return bytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path bytes(Path dir, String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  static Path gzip(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
