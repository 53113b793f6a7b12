package io.github.rela.training.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.SafeTensors;
import io.github.rela.training.log.LogEntry;
import io.github.rela.training.log.TrainingLog;
import io.github.rela.training.spm.SpmTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

  @TempDir Path dir;

  @BeforeEach
  void requireSpmTrain() throws Exception {
    assumeTrue(
        SpmTrainer.findProgram().isPresent(),
        "spm_train is not installed (apt-get install sentencepiece; .ci/run does it)");
    SyntheticParallelData.write(dir, 600, 60, 7);
  }

  /** A tiny recipe on the synthetic data; dropout on, to show that resuming replays it. */
  private TrainConfig config(String output, int maxSteps, int validEvery, int checkpointEvery) {
    return config(output, maxSteps, validEvery, checkpointEvery, 10);
  }

  private TrainConfig config(
      String output, int maxSteps, int validEvery, int checkpointEvery, int logEvery) {
    ObjectNode model = new ObjectMapper().createObjectNode();
    model.put("d_model", 32).put("num_heads", 2).put("d_ff", 64);
    model.put("encoder_layers", 1).put("decoder_layers", 1).put("max_length", 32);
    model.put("dropout", 0.1).put("attention_dropout", 0.0).put("share_embeddings", true);
    // softmax learns this toy task fastest; the model module tests that rela-g learns too
    model.put("encoder_self_attention", "softmax").put("decoder_self_attention", "softmax");
    model.put("cross_attention", "softmax");
    return new TrainConfig(
        "synthetic",
        new TrainConfig.Data(dir.toString(), "de", "en", "train", "val", 1, 20, 3.0, 60),
        new TrainConfig.Tokenizer(40, true, "unigram", 1.0),
        model,
        new TrainConfig.Optim(3e-3, 30, 0.9, 0.98, 1e-9, 0.1, 1.0, 256, 1),
        new TrainConfig.Budget(
            maxSteps, 10.0, logEvery, validEvery, checkpointEvery, 10, 3, 5L, "cpu", 0),
        dir.resolve(output).toString());
  }

  @Test
  void shouldLearnSyntheticWordByWordTranslation() throws Exception {
    // Given a tiny model and a toy task
    TrainConfig config = config("learn", 210, 70, 70);

    // When it trains for 210 steps
    new Trainer(config, null).train();

    // Then the validation loss falls far below its start, and the run left its artefacts
    List<LogEntry> log = TrainingLog.read(Path.of(config.output(), "train-log.jsonl"));
    List<LogEntry> valid = log.stream().filter(e -> e.kind().equals(LogEntry.VALID)).toList();
    double firstTrain = log.get(0).loss();
    double lastValid = valid.get(valid.size() - 1).loss();
    assertEquals(3, valid.size());
    assertTrue(lastValid < 0.4 * firstTrain, "valid loss " + lastValid + " vs " + firstTrain);
    assertTrue(valid.get(2).loss() < valid.get(0).loss());
    Path run = Path.of(config.output());
    for (String file :
        List.of("best/config.json", "averaged/manifest.json", "loss.png", "spm.model")) {
      assertTrue(Files.exists(run.resolve(file)), file);
    }
  }

  @Test
  void shouldResumeToTheSameParametersAsTrainingStraightThrough() throws Exception {
    // Given one run straight to step 8 and one cut off at step 4 then resumed to step 8
    new Trainer(config("straight", 8, 100, 4, 2), null).train();
    new Trainer(config("resumed", 4, 100, 4, 2), null).train();
    new Trainer(config("resumed", 8, 100, 4, 2), null).train();

    // Then both end with the same weights and the same optimizer moments
    assertSameTensors("straight/checkpoints/step-000008", "resumed/checkpoints/step-000008");
    // And the resumed log has each training report once, as the straight one does
    List<Long> steps =
        TrainingLog.read(dir.resolve("resumed/train-log.jsonl")).stream()
            .filter(e -> e.kind().equals(LogEntry.TRAIN))
            .map(LogEntry::step)
            .toList();
    assertEquals(
        TrainingLog.read(dir.resolve("straight/train-log.jsonl")).stream()
            .filter(e -> e.kind().equals(LogEntry.TRAIN))
            .map(LogEntry::step)
            .toList(),
        steps);
  }

  private void assertSameTensors(String a, String b) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String file :
          List.of("model/" + CheckpointConfig.WEIGHTS_FILE, RunCheckpoints.OPTIMIZER)) {
        Map<String, NDArray> left = SafeTensors.read(dir.resolve(a).resolve(file), manager);
        Map<String, NDArray> right = SafeTensors.read(dir.resolve(b).resolve(file), manager);
        assertEquals(left.keySet(), right.keySet());
        for (String name : left.keySet()) {
          assertArrayEquals(
              left.get(name).toFloatArray(), right.get(name).toFloatArray(), 1e-6f, name);
        }
      }
    }
  }
}
