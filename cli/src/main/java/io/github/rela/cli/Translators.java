package io.github.rela.cli;

import ai.djl.ndarray.NDManager;
import io.github.rela.model.checkpoint.CheckpointReader;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.Translator;
import java.io.IOException;
import java.nio.file.Path;

/** The translator of the commands that score a checkpoint (eval, calibrate, replay). */
final class Translators {
  private Translators() {}

  /**
   * A translator for {@code checkpoint} with the command's {@code --beam}, {@code --shortlist} and
   * {@code --batch}, default decoding otherwise, last-layer attention views.
   */
  static Translator open(
      Path checkpoint,
      NDManager manager,
      BeamOption beam,
      ShortlistOption shortlist,
      BatchOption batch)
      throws IOException {
    return Translator.open(
        checkpoint, manager, decoding(beam, shortlist), batch.value(), AttentionView.LAST_LAYER);
  }

  /**
   * As {@link #open}, but computing the quality features without applying the checkpoint's
   * quality.json (calibration fits a new one).
   */
  static Translator openUncalibrated(
      Path checkpoint,
      NDManager manager,
      BeamOption beam,
      ShortlistOption shortlist,
      BatchOption batch)
      throws IOException {
    return Translator.openUncalibrated(
        CheckpointReader.read(checkpoint, manager),
        manager,
        decoding(beam, shortlist),
        batch.value(),
        AttentionView.LAST_LAYER);
  }

  private static DecodingOptions decoding(BeamOption beam, ShortlistOption shortlist) {
    return DecodingOptions.defaults().withBeamSize(beam.value()).withShortlist(shortlist.value());
  }
}
