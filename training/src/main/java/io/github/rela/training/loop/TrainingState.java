package io.github.rela.training.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.rela.training.data.SamplerPosition;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a run stands, saved with each checkpoint so that a resumed run continues exactly: the
 * optimizer step, the data position (the sampler's epoch and next batch), and the wall-clock time
 * spent. The random state needs no saving: each step seeds the engine with {@code seed + step}.
 *
 * @param bestValidLoss the lowest validation loss so far, for keeping the best checkpoint
 */
public record TrainingState(
    int step, int epoch, int batchIndex, double elapsedSeconds, double bestValidLoss) {

  private static final ObjectMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  public static TrainingState start() {
    return new TrainingState(0, 0, 0, 0, Double.POSITIVE_INFINITY);
  }

  public TrainingState advanced(int newStep, SamplerPosition position, double elapsed) {
    return new TrainingState(newStep, position.epoch(), position.batch(), elapsed, bestValidLoss);
  }

  /** The sampler position to resume from. */
  public SamplerPosition position() {
    return new SamplerPosition(epoch, batchIndex);
  }

  public TrainingState withBestValidLoss(double loss) {
    return new TrainingState(step, epoch, batchIndex, elapsedSeconds, loss);
  }

  public void write(Path file) throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
  }

  public static TrainingState read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), TrainingState.class);
  }
}
