package io.github.rela.training.spm;

import java.nio.file.Path;

/**
 * The files {@code spm_train} writes for one prefix.
 *
 * @param model {@code <prefix>.model}, the serialized model DJL's SpTokenizer loads
 * @param vocab {@code <prefix>.vocab}, one piece and its score per line, in id order
 */
public record SpmModelFiles(Path model, Path vocab) {

  /** The files for {@code prefix}, e.g. {@code out/spm} gives {@code out/spm.model}. */
  public static SpmModelFiles forPrefix(Path prefix) {
    String name = prefix.getFileName().toString();
    return new SpmModelFiles(
        prefix.resolveSibling(name + ".model"), prefix.resolveSibling(name + ".vocab"));
  }
}
