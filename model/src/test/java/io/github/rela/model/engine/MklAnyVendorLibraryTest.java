package io.github.rela.model.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed MKL helper library (model/src/main/native) is what its source builds to. */
class MklAnyVendorLibraryTest {
  private static final Path NATIVE = Path.of("src/main/native");
  private static final Path LIBRARY = NATIVE.resolve("linux-x86_64/libmkl_any_vendor.so");

  @Test
  void shouldBeAnX8664SharedObjectExportingTheOneFunction() throws IOException {
    byte[] bytes = Files.readAllBytes(LIBRARY);
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x464c457f, header.getInt(0), "ELF magic");
    assertEquals(2, bytes[4], "64-bit");
    assertEquals(3, header.getShort(16), "ET_DYN: a shared object");
    assertEquals(62, header.getShort(18), "EM_X86_64");
    assertTrue(
        new String(bytes, StandardCharsets.ISO_8859_1).contains("\0mkl_serv_intel_cpu_true\0"),
        "exports mkl_serv_intel_cpu_true");
    assertTrue(bytes.length < 16_384, "a few kB, got " + bytes.length);
  }

  @Test
  void shouldMatchAFreshBuildOfItsSource(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("gcc"), "gcc is not installed");
    Path built = dir.resolve("libmkl_any_vendor.so");
    Process gcc =
        new ProcessBuilder(
                "gcc",
                "-shared",
                "-fPIC",
                "-O2",
                "-nostdlib",
                "-s",
                "-Wl,--build-id=none",
                "-Wl,-z,noseparate-code",
                "-Wl,--hash-style=both",
                "-o",
                built.toString(),
                NATIVE.resolve("mkl_any_vendor.c").toString())
            .inheritIO()
            .start();
    assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed");
    assertArrayEquals(Files.readAllBytes(LIBRARY), Files.readAllBytes(built));
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
