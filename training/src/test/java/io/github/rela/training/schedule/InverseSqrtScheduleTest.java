package io.github.rela.training.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InverseSqrtScheduleTest {

  @Test
  void shouldWarmUpLinearlyThenDecayWithInverseSquareRoot() {
    InverseSqrtSchedule schedule = new InverseSqrtSchedule(1e-3f, 4000);

    assertEquals(1e-3f / 4000, schedule.getNewValue(0), 1e-12);
    assertEquals(0.5e-3f, schedule.getNewValue(1999), 1e-9);
    assertEquals(1e-3f, schedule.getNewValue(3999), 1e-9);
    assertEquals(0.5e-3f, schedule.getNewValue(15_999), 1e-9);
  }

  @Test
  void shouldRefuseMeaninglessSettings() {
    assertThrows(IllegalArgumentException.class, () -> new InverseSqrtSchedule(0f, 10));
    assertThrows(IllegalArgumentException.class, () -> new InverseSqrtSchedule(1e-3f, 0));
  }
}
