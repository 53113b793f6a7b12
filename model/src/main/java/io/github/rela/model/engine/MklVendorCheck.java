package io.github.rela.model.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says, once, when the MKL inside libtorch will run its generic kernels: on an AMD CPU, unless the
 * process was started with {@code libmkl_any_vendor.so} preloaded ({@code ./rela} and the Docker
 * image do that; a Kafka Connect worker or an embedding application has to set {@code LD_PRELOAD}
 * itself). See {@code model/src/main/native/README.md}.
 */
public final class MklVendorCheck {
  static final String LIBRARY = "libmkl_any_vendor.so";
  private static final System.Logger LOG = System.getLogger(MklVendorCheck.class.getName());
  private static final AtomicBoolean CHECKED = new AtomicBoolean();

  private MklVendorCheck() {}

  /** Logs the advice at INFO, the first time only, when it applies; silent otherwise. */
  public static void logAdviceOnce() {
    if (CHECKED.getAndSet(true) || "0".equals(System.getenv("RELA_MKL_ANY_VENDOR"))) {
      return; // already said, or turned off on purpose
    }
    advice(
            System.getProperty("os.name", ""),
            System.getProperty("os.arch", ""),
            cpuVendor(),
            System.getenv().getOrDefault("LD_PRELOAD", ""))
        .ifPresent(line -> LOG.log(System.Logger.Level.INFO, line));
  }

  /** The advice for this platform, CPU vendor and {@code LD_PRELOAD}, if any. */
  static Optional<String> advice(String os, String arch, String vendor, String preload) {
    boolean linuxX86 =
        os.toLowerCase(Locale.ROOT).startsWith("linux")
            && (arch.equals("amd64") || arch.equals("x86_64"));
    if (!linuxX86 || !vendor.equals("AuthenticAMD") || preload.contains(LIBRARY)) {
      return Optional.empty();
    }
    return Optional.of(
        "PyTorch's MKL runs generic kernels on this AMD CPU: start through ./rela or the Docker"
            + " image, or set LD_PRELOAD to model/src/main/native/linux-x86_64/"
            + LIBRARY
            + ", for its AVX2/AVX-512 kernels (1.3x faster decoding at batch 1 on our build"
            + " machine)");
  }

  private static String cpuVendor() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("vendor_id"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
