package io.github.rela.model.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MklVendorCheckTest {

  @Test
  void shouldAdviseThePreloadOnAmdLinuxWithoutIt() {
    Optional<String> advice = MklVendorCheck.advice("Linux", "amd64", "AuthenticAMD", "");
    assertTrue(advice.orElseThrow().contains("LD_PRELOAD"));
  }

  @Test
  void shouldStaySilentWhereMklAlreadyUsesItsFastKernels() {
    String preloaded = "/x/model/src/main/native/linux-x86_64/libmkl_any_vendor.so";
    assertEquals(
        Optional.empty(), MklVendorCheck.advice("Linux", "amd64", "AuthenticAMD", preloaded));
    assertEquals(Optional.empty(), MklVendorCheck.advice("Linux", "amd64", "GenuineIntel", ""));
    assertEquals(Optional.empty(), MklVendorCheck.advice("Mac OS X", "aarch64", "", ""));
  }
}
