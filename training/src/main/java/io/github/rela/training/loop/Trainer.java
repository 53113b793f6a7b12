package io.github.rela.training.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.rela.evaluation.scoring.Bleu;
import io.github.rela.model.attention.Scalars;
import io.github.rela.model.checkpoint.CheckpointConfig;
import io.github.rela.model.checkpoint.CheckpointWriter;
import io.github.rela.model.checkpoint.TokenizerSpec;
import io.github.rela.model.checkpoint.WeightsDtype;
import io.github.rela.model.config.ModelConfig;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.Transformer;
import io.github.rela.training.data.TokenBatch;
import io.github.rela.training.data.TokenBatchSampler;
import io.github.rela.training.log.LogEntry;
import io.github.rela.training.log.TrainingCurves;
import io.github.rela.training.log.TrainingLog;
import io.github.rela.training.progress.ProgressBar;
import io.github.rela.training.schedule.InverseSqrtSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: batches by token count, label-smoothed cross-entropy, Adam with warm-up and
 * inverse-square-root decay, gradient clipping and accumulation, periodic validation (loss and
 * BLEU), checkpoints every N steps and the best on validation, exact resume, and averaging of the
 * last checkpoints at the end. Runs on the CPU or, with {@code device: gpu}, on a CUDA GPU through
 * the same code.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final TrainConfig config;
  private final RunDirectory run;
  private final ValidationDecoder decoder;

  /**
   * @param decoder translates validation sentences for BLEU; null skips validation BLEU
   */
  public Trainer(TrainConfig config, ValidationDecoder decoder) {
    this.config = config;
    this.run = new RunDirectory(Path.of(config.output()));
    this.decoder = decoder;
  }

  /** Trains until the step or time budget is spent, resuming from the latest checkpoint. */
  public TrainingState train() throws IOException {
    Files.createDirectories(run.root());
    Files.writeString(run.config(), config.toJson());
    Device device = device(config.budget().device());
    try (NDManager manager = NDManager.newBaseManager(device);
        TrainingData data = TrainingData.prepare(config, run, maxLength())) {
      ModelConfig modelConfig =
          config.modelConfig(
              data.sourceTokenizer().vocabSize(), data.targetTokenizer().vocabSize());
      Loop loop = new Loop(data, modelConfig, manager);
      return loop.run();
    }
  }

  private int maxLength() throws IOException {
    return config.modelConfig(1, 1).maxLength();
  }

  private static Device device(String name) {
    if ("gpu".equalsIgnoreCase(name)) {
      if (Engine.getInstance().getGpuCount() == 0) {
        throw new IllegalStateException(
            "device 'gpu' was asked for but DJL finds no CUDA GPU (see the README: Training on a GPU)");
      }
      return Device.gpu();
    }
    return Device.cpu();
  }

  /** One run's mutable state: model, optimizer, position. */
  private final class Loop {

    private final TrainingData data;
    private final NDManager manager;
    private final Transformer model;
    private final ParameterStore parameters;
    private final Map<String, Parameter> named;
    private final AdamOptimizer optimizer;
    private final LabelSmoothedLoss loss;
    private final TokenBatchSampler sampler;
    private final CheckpointConfig checkpointConfig;
    private final SpecialIds ids;
    private TrainingState state;

    Loop(TrainingData data, ModelConfig modelConfig, NDManager manager) throws IOException {
      this.data = data;
      this.manager = manager;
      TrainConfig.Optim optim = config.optim();
      this.optimizer =
          new AdamOptimizer(
              new InverseSqrtSchedule(optim.learningRate().floatValue(), optim.warmupSteps()),
              optim.beta1().floatValue(),
              optim.beta2().floatValue(),
              optim.epsilon().floatValue());
      this.ids = data.sourceTokenizer().specialIds();
      this.loss = new LabelSmoothedLoss(optim.labelSmoothing().floatValue(), ids.padId());
      this.sampler =
          new TokenBatchSampler(
              data.train().lengths(), optim.batchTokens(), config.budget().seed());
      this.checkpointConfig =
          CheckpointConfig.of(
              modelConfig,
              data.vocabularies().joint() ? TokenizerSpec.joint() : TokenizerSpec.separate(),
              config.data().sourceLanguage(),
              config.data().targetLanguage(),
              WeightsDtype.FLOAT32,
              Map.of("recipe", config.name()));
      var latest = run.latestCheckpoint();
      if (latest.isPresent()) {
        this.model = RunCheckpoints.loadModel(latest.get(), manager).model();
        this.state = RunCheckpoints.loadTraining(latest.get(), optimizer, manager);
        LOG.info("Resuming from {} (step {})", latest.get(), state.step());
      } else {
        Engine.getInstance().setRandomSeed((int) (long) config.budget().seed());
        this.model = Transformer.create(modelConfig);
        this.model.initializeParameters(manager, DataType.FLOAT32);
        this.state = TrainingState.start();
      }
      this.sampler.seek(state.position());
      this.parameters = new ParameterStore(manager, false);
      this.named = model.namedParameters();
    }

    TrainingState run() throws IOException {
      TrainConfig.Budget budget = config.budget();
      double budgetSeconds = budget.maxMinutes() * 60;
      long startNanos = System.nanoTime();
      double elapsedBefore = state.elapsedSeconds();
      ProgressBar bar =
          ProgressBar.onStderr(budget.maxSteps(), state.step())
              .until(Duration.ofMillis((long) (1000 * (budgetSeconds - elapsedBefore))));
      double lossSum = 0;
      long labelsSinceReport = 0;
      long reportNanos = System.nanoTime();
      try (TrainingLog log = TrainingLog.open(run.log(), state.step())) {
        while (state.step() < budget.maxSteps()) {
          double elapsed = elapsedBefore + (System.nanoTime() - startNanos) / 1e9;
          if (elapsed >= budgetSeconds) {
            LOG.info(
                "Time budget of {} minutes spent at step {}", budget.maxMinutes(), state.step());
            break;
          }
          // 1. the batches of this step; the sampler moves on to the next epoch by itself
          int[][] group = new int[config.optim().accumulate()][];
          for (int g = 0; g < group.length; g++) {
            group[g] = sampler.next().indices();
          }
          // 2. one optimizer step
          StepResult result = step(state.step() + 1, group);
          state = state.advanced(state.step() + 1, sampler.position(), elapsed);
          lossSum += result.lossSum();
          labelsSinceReport += result.labels();
          // 3. reports, validation, checkpoints
          int step = state.step();
          if (step % budget.logEvery() == 0 || step == budget.maxSteps()) {
            double seconds = (System.nanoTime() - reportNanos) / 1e9;
            double meanLoss = lossSum / Math.max(1, labelsSinceReport);
            double speed = labelsSinceReport / seconds;
            log.append(LogEntry.train(step, meanLoss, result.learningRate(), speed, elapsed));
            bar.update(step, meanLoss, speed);
            lossSum = 0;
            labelsSinceReport = 0;
            reportNanos = System.nanoTime();
          }
          if (step % budget.validEvery() == 0) {
            validate(log, elapsed);
          }
          if (step % budget.checkpointEvery() == 0) {
            saveCheckpoint();
          }
        }
        bar.finish();
        if (run.latestCheckpoint().map(p -> !p.equals(run.checkpoint(state.step()))).orElse(true)) {
          validate(log, state.elapsedSeconds());
          saveCheckpoint();
        }
      }
      averageLastCheckpoints();
      TrainingCurves.plot(TrainingLog.read(run.log()), config.name(), run.root());
      return state;
    }

    private record StepResult(double lossSum, long labels, float learningRate) {}

    /** Forward and backward over the group's batches, then clipping and one Adam update. */
    private StepResult step(int step, int[][] group) {
      // Dropout masks depend only on (seed, step): a resumed run draws the same ones.
      Engine.getInstance().setRandomSeed((int) (config.budget().seed() * 1_000_003L + step));
      try (NDScope scope = new NDScope();
          NDManager batchManager = manager.newSubManager()) {
        long labels = 0;
        double lossSum = 0;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.zeroGradients();
          long groupLabels = 0;
          Batch[] batches = new Batch[group.length];
          for (int g = 0; g < group.length; g++) {
            batches[g] = Batch.of(data.train(), group[g], ids, batchManager);
            groupLabels += batches[g].labelCount();
          }
          for (Batch batch : batches) {
            NDArray logits =
                model
                    .forward(parameters, new NDList(batch.sourceIds(), batch.targetInput()), true)
                    .head(); // [B, T, V]
            NDArray summed = loss.sum(logits, batch.labels());
            lossSum += summed.getFloat();
            collector.backward(summed.div(Scalars.like(summed, groupLabels)));
          }
          labels = groupLabels;
        }
        float norm =
            GradientClipping.clipByGlobalNorm(
                named.values(), config.optim().clipNorm().floatValue());
        if (!Float.isFinite(norm)) {
          // An overflow in one batch must not poison the weights: skip it, as loss scalers do.
          LOG.warn("Step {}: gradient norm is {}, update skipped", step, norm);
          return new StepResult(lossSum, labels, Float.NaN);
        }
        float lr = optimizer.update(named, manager);
        return new StepResult(lossSum, labels, lr);
      }
    }

    /** Validation loss over the whole set, BLEU over its first sentences. */
    private void validate(TrainingLog log, double elapsed) throws IOException {
      double lossSum = 0;
      long labels = 0;
      TokenBatchSampler validBatches =
          new TokenBatchSampler(data.valid().lengths(), config.optim().batchTokens(), 0);
      for (TokenBatch validBatch : validBatches.batchesOf(0)) {
        int[] rows = validBatch.indices();
        try (NDScope scope = new NDScope();
            NDManager batchManager = manager.newSubManager()) {
          Batch batch = Batch.of(data.valid(), rows, ids, batchManager);
          NDArray logits =
              model
                  .forward(parameters, new NDList(batch.sourceIds(), batch.targetInput()), false)
                  .head();
          lossSum += loss.sum(logits, batch.labels()).getFloat();
          labels += batch.labelCount();
        }
      }
      double validLoss = lossSum / labels;
      Double bleu = bleu();
      log.append(LogEntry.valid(state.step(), validLoss, bleu, elapsed));
      LOG.info(
          "Validation at step {}: loss {} BLEU {}",
          state.step(),
          String.format("%.4f", validLoss),
          bleu == null ? "-" : String.format("%.2f", bleu));
      if (validLoss < state.bestValidLoss()) {
        state = state.withBestValidLoss(validLoss);
        CheckpointWriter.write(
            run.best(), model, withScores(validLoss, bleu), spm(true), spm(false));
      }
    }

    private Double bleu() {
      if (decoder == null) {
        return null;
      }
      int n = Math.min(config.data().validSentences(), data.validPairs().size());
      List<String> sources = data.validPairs().subList(0, n).stream().map(p -> p.source()).toList();
      List<String> references =
          data.validPairs().subList(0, n).stream().map(p -> p.target()).toList();
      List<String> hypotheses =
          decoder.translate(model, data.sourceTokenizer(), data.targetTokenizer(), sources);
      return Bleu.withDefaults().corpusScore(hypotheses, List.of(references)).score();
    }

    private CheckpointConfig withScores(double validLoss, Double bleu) {
      Map<String, Object> training = new LinkedHashMap<>(checkpointConfig.training());
      training.put("step", state.step());
      training.put("valid_loss", validLoss);
      if (bleu != null) {
        training.put("valid_bleu", bleu);
      }
      return withTraining(training);
    }

    /** The run's checkpoint configuration with other training metadata. */
    private CheckpointConfig withTraining(Map<String, Object> training) {
      return CheckpointConfig.of(
          checkpointConfig.model(),
          checkpointConfig.tokenizer(),
          checkpointConfig.sourceLanguage(),
          checkpointConfig.targetLanguage(),
          checkpointConfig.weightsDtype(),
          training);
    }

    private void saveCheckpoint() throws IOException {
      RunCheckpoints.save(
          run.checkpoint(state.step()),
          model,
          checkpointConfig,
          spm(true),
          spm(false),
          optimizer,
          state);
      RunCheckpoints.prune(run, config.budget().keepCheckpoints());
    }

    private void averageLastCheckpoints() throws IOException {
      List<Path> saved = run.savedCheckpoints();
      int k = Math.min(config.budget().averageLast(), saved.size());
      if (k < 2) {
        return;
      }
      List<Path> last = saved.subList(saved.size() - k, saved.size());
      try (NDManager scratch = manager.newSubManager()) {
        Transformer averaged = RunCheckpoints.loadModel(last.get(last.size() - 1), scratch).model();
        RunCheckpoints.average(last, averaged, scratch);
        Map<String, Object> training = new LinkedHashMap<>(checkpointConfig.training());
        training.put("averaged_steps", last.stream().map(p -> p.getFileName().toString()).toList());
        CheckpointWriter.write(
            run.averaged(), averaged, withTraining(training), spm(true), spm(false));
      }
      LOG.info("Averaged the last {} checkpoints into {}", k, run.averaged());
    }

    private Path spm(boolean source) {
      return (source ? data.vocabularies().source() : data.vocabularies().target()).model();
    }
  }
}
