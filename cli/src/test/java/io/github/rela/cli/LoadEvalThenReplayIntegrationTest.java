package io.github.rela.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rela.evaluation.corpus.DataPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's evaluation flow on the default set-up, each step its own process: {@code rela run}
 * (embedded broker and registry), then {@code rela load-eval} into a new topic and {@code rela
 * replay} of it, both without broker or registry flags (they find the running app through {@code
 * var/endpoints.properties}); the replay reports the BLEU that {@code rela eval} reports for the
 * same files.
 */
class LoadEvalThenReplayIntegrationTest {

  private static final List<String> GERMAN =
      List.of(
          "Ein Mann fährt Fahrrad.",
          "Zwei Hunde spielen im Schnee.",
          "Eine Frau sitzt auf einer Bank im Park.",
          "Kinder spielen am Strand mit einem Ball.",
          "Ein Junge springt in das Wasser.",
          "Eine Gruppe von Menschen steht vor einem Gebäude.",
          "Ein Mann in einem roten Hemd spielt Gitarre.",
          "Zwei Frauen gehen eine Straße entlang.");
  private static final List<String> ENGLISH =
      List.of(
          "A man rides a bike.",
          "Two dogs are playing in the snow.",
          "A woman sits on a bench in the park.",
          "Children play with a ball on the beach.",
          "A boy jumps into the water.",
          "A group of people stands in front of a building.",
          "A man in a red shirt plays guitar.",
          "Two women walk down a street.");

  @TempDir Path home;

  @Test
  void shouldReplayWhatLoadEvalLoadedInAnotherProcessToTheBleuOfEval() throws Exception {
    Path src = Files.write(home.resolve("captions.de"), GERMAN, StandardCharsets.UTF_8);
    Path ref = Files.write(home.resolve("captions.en"), ENGLISH, StandardCharsets.UTF_8);
    Path model = DataPaths.repositoryRoot(Path.of("")).resolve("models/de-en");
    Process app =
        start(
            home.resolve("app.log"),
            "run",
            "--models",
            model.getParent().toString(),
            "--set",
            "rela.embedded.data.dir=" + home.resolve("var/kafka"),
            "--set",
            "state.dir=" + home.resolve("state"),
            // A free port rather than 9092, for which other brokers on this machine may race.
            "--set",
            "rela.embedded.port=0");
    try {
      awaitFile(home.resolve("var/endpoints.properties"), app);

      String loaded =
          rela(
              "load-eval", "--src", src.toString(), "--ref", ref.toString(), "--topic", "eval-new");
      rela(
          "replay",
          "--topic",
          "eval-new",
          "--model",
          model.toString(),
          "--out",
          home.resolve("report").toString());
      assertTrue(loaded.contains("Created topic eval-new (4 partitions)"), loaded);
      assertTrue(loaded.contains("Loaded 8 requests of captions into eval-new"), loaded);
    } finally {
      // SIGTERM: the shutdown hook closes the app, the registry and the broker.
      app.destroy();
      if (!app.waitFor(60, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
    JsonNode replay = new ObjectMapper().readTree(home.resolve("report/report.json").toFile());
    JsonNode eval =
        new ObjectMapper()
            .readTree(
                ShippedModelIntegrationTest.run(
                    "eval",
                    "--model",
                    model.toString(),
                    "--src",
                    src.toString(),
                    "--ref",
                    ref.toString(),
                    "--json"));

    assertEquals(GERMAN.size(), replay.get("sentences").asInt());
    assertEquals(eval.get("bleu").asDouble(), replay.get("bleu").asDouble(), 1e-9);
    assertEquals(eval.get("chrf").asDouble(), replay.get("chrf").asDouble(), 1e-9);
  }

  /** {@code rela ARGS} in a JVM of its own; its output, after checking that it succeeded. */
  private String rela(String... args) throws IOException, InterruptedException {
    Path out = home.resolve(args[0] + ".out");
    Process process = start(out, args);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "rela " + args[0] + " did not finish");
    String output = Files.readString(out);
    assertEquals(0, process.exitValue(), () -> "rela " + args[0] + ":\n" + output);
    return output;
  }

  /** Starts {@code rela ARGS} in a JVM of its own, with this test's directory as the rela home. */
  private Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Drela.home=" + home);
    command.add("-Dai.djl.pytorch.num_threads=1");
    command.add(Rela.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private void awaitFile(Path file, Process app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!Files.exists(file)) {
      assertTrue(
          System.nanoTime() < deadline && app.isAlive(),
          () -> "no " + file + "; app log:\n" + read(home.resolve("app.log")));
      Thread.sleep(200);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }
}
