package io.github.rela.training.spm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpmTrainerTest {

  @Test
  void shouldPassEveryOptionAndTheAgreedSpecialIds() {
    // Given BPE options with sampling
    SpmTrainOptions options =
        SpmTrainOptions.defaults()
            .withVocabSize(500)
            .withModelType(SpmModelType.BPE)
            .withCharacterCoverage(0.9995)
            .withInputSentenceSize(10_000);
    // When the command line is built
    List<String> command =
        SpmTrainer.command(
            Path.of("/usr/bin/spm_train"), Path.of("in.txt"), Path.of("out/spm"), options);
    // Then it carries each setting and pad/unk/bos/eos = 0/1/2/3
    assertEquals(
        List.of(
            "/usr/bin/spm_train",
            "--input=in.txt",
            "--model_prefix=out/spm",
            "--vocab_size=500",
            "--model_type=bpe",
            "--character_coverage=0.9995",
            "--input_sentence_size=10000",
            "--shuffle_input_sentence=true",
            "--random_seed=1",
            "--num_threads=1",
            "--pad_id=0",
            "--unk_id=1",
            "--bos_id=2",
            "--eos_id=3"),
        command);
  }

  @Test
  void shouldFindTheProgramOnlyInPathDirectories(@TempDir Path dir) throws IOException {
    // Given one directory with an executable spm_train and one without
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path program = Files.writeString(bin.resolve(SpmTrainer.PROGRAM), "#!/bin/sh\n");
    assumeTrue(program.toFile().setExecutable(true), "cannot mark files executable here");
    // When searched, then only the PATH that lists bin finds it
    assertEquals(Optional.of(program), SpmTrainer.findProgram(empty + File.pathSeparator + bin));
    assertEquals(Optional.empty(), SpmTrainer.findProgram(empty.toString()));
    assertEquals(Optional.empty(), SpmTrainer.findProgram(null));
  }

  @Test
  void shouldNameTheDebianPackageWhenTheProgramIsMissing() {
    // Given no spm_train, when the error is built, then it says how to install it
    assertEquals(
        "spm_train was not found on the PATH. Install Debian's 'sentencepiece' package:"
            + " sudo apt-get install sentencepiece",
        SpmTrainer.notFound().getMessage());
  }

  @Test
  void shouldNameModelAndVocabAfterPrefix() {
    // Given a prefix, when its files are named, then they sit beside it
    SpmModelFiles files = SpmModelFiles.forPrefix(Path.of("out", "spm.de"));
    assertEquals(Path.of("out", "spm.de.model"), files.model());
    assertEquals(Path.of("out", "spm.de.vocab"), files.vocab());
  }

  @Test
  void shouldRejectVocabularyWithoutRoomForPieces() {
    // Given a vocabulary no larger than the special pieces, when built, then it fails
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> SpmTrainOptions.defaults().withVocabSize(4));
    assertTrue(error.getMessage().contains("4 special pieces"));
  }
}
