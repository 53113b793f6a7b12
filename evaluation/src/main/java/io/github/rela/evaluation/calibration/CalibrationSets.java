package io.github.rela.evaluation.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything calibration translates.
 *
 * @param val the fit set (Multi30k val)
 * @param synthetic wrong-language and garbage inputs from the train split (and a random seed of
 *     their own), added to the fit so that it sees what out-of-domain input looks like
 * @param tests in-domain evaluation sets, never fitted on (test_2016_flickr, test_2017_flickr)
 * @param wrongLanguage out-of-domain evaluation sets, never fitted on, that should all be flagged
 */
public record CalibrationSets(
    LabelledSet val,
    List<LabelledSet> synthetic,
    List<LabelledSet> tests,
    List<LabelledSet> wrongLanguage) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads sets written by {@link #write}. */
  public static CalibrationSets read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), CalibrationSets.class);
  }

  /** Writes the features and labels of every set, so that refitting needs no decoding. */
  public void write(Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), this);
  }
}
