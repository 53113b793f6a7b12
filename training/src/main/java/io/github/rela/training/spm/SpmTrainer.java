package io.github.rela.training.spm;

import io.github.rela.evaluation.corpus.Utf8LineReader;
import io.github.rela.model.tokenizer.SpecialIds;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Trains a SentencePiece model with Debian's {@code spm_train} (package {@code sentencepiece}). We
 * call the reference trainer instead of writing one, so the model is byte-for-byte what the
 * SentencePiece runtime expects. The inputs may be gzipped: they are first written out as one plain
 * UTF-8 file, since spm_train reads plain text only.
 */
public final class SpmTrainer {

  /** The program this class runs. */
  public static final String PROGRAM = "spm_train";

  private SpmTrainer() {}

  /** The {@code spm_train} executable on the PATH, if any. */
  public static Optional<Path> findProgram() {
    return findProgram(System.getenv("PATH"));
  }

  /** The {@code spm_train} executable in the directories of a PATH-style list, if any. */
  static Optional<Path> findProgram(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, PROGRAM);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Trains a model on the lines of {@code inputs} and writes {@code <prefix>.model} and {@code
   * <prefix>.vocab}; spm_train's own log goes to {@code <prefix>.log}.
   *
   * @throws IllegalStateException when spm_train is missing or fails
   */
  public static SpmModelFiles train(List<Path> inputs, Path prefix, SpmTrainOptions options) {
    Path program = findProgram().orElseThrow(SpmTrainer::notFound);
    try {
      Path dir = prefix.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path text = Files.createTempFile(dir, "spm-input-", ".txt");
      try {
        writePlainText(inputs, text);
        run(command(program, text, prefix, options), prefix);
      } finally {
        Files.deleteIfExists(text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Training the SentencePiece model " + prefix + " failed", e);
    }
    return SpmModelFiles.forPrefix(prefix);
  }

  /** The error for a missing spm_train, with the way to install it. */
  static IllegalStateException notFound() {
    return new IllegalStateException(
        PROGRAM
            + " was not found on the PATH. Install Debian's 'sentencepiece' package:"
            + " sudo apt-get install sentencepiece");
  }

  /** The spm_train command line. */
  static List<String> command(Path program, Path text, Path prefix, SpmTrainOptions options) {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.add("--input=" + text);
    command.add("--model_prefix=" + prefix);
    command.add("--vocab_size=" + options.vocabSize());
    command.add("--model_type=" + options.modelType().flag());
    command.add(String.format(Locale.ROOT, "--character_coverage=%s", options.characterCoverage()));
    command.add("--input_sentence_size=" + options.inputSentenceSize());
    command.add("--shuffle_input_sentence=true");
    command.add("--random_seed=" + options.seed());
    command.add("--num_threads=" + options.numThreads());
    SpecialIds ids = SpecialIds.PROJECT;
    command.add("--pad_id=" + ids.padId());
    command.add("--unk_id=" + ids.unkId());
    command.add("--bos_id=" + ids.bosId());
    command.add("--eos_id=" + ids.eosId());
    return command;
  }

  /** Concatenates the lines of all inputs (plain or gzip) into one UTF-8 file. */
  private static void writePlainText(List<Path> inputs, Path text) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
      for (Path input : inputs) {
        try (Utf8LineReader reader = Utf8LineReader.open(input)) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            out.write(line);
            out.write('\n');
          }
        }
      }
    }
  }

  private static void run(List<String> command, Path prefix) throws IOException {
    Path log = prefix.resolveSibling(prefix.getFileName() + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    int status;
    try {
      status = process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(PROGRAM + " was interrupted", e);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "%s failed with exit status %d; last lines of %s:%n%s"
              .formatted(PROGRAM, status, log, tail(log, 10)));
    }
  }

  private static String tail(Path file, int lines) throws IOException {
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join(
        System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
