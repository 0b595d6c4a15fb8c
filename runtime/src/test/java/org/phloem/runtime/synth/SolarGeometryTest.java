package org.phloem.runtime.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Against the worked examples of FAO-56 (Allen et al. 1998) and plain facts of solar geometry. */
class SolarGeometryTest {
  private static final double LAT_20S = Math.toRadians(-20);

  @Test
  void fao56Example8ExtraterrestrialRadiation() {
    // 20°S, 3 September (J = 246): d_r = 0.985, δ = 0.120 rad, ω_s = 1.527 rad, Ra = 32.2 MJ m-2 d-1.
    assertEquals(0.985, SolarGeometry.inverseDistance(246), 5e-4);
    assertEquals(0.120, SolarGeometry.declination(246), 5e-4);
    assertEquals(1.527, SolarGeometry.sunsetHourAngle(LAT_20S, SolarGeometry.declination(246)), 5e-4);
    assertEquals(32.2, SolarGeometry.extraterrestrialRadiation(LAT_20S, 246), 0.05);
  }

  @Test
  void fao56Example9DaylightHours() {
    assertEquals(11.7, SolarGeometry.dayLengthHours(LAT_20S, 246), 0.05);
  }

  @Test
  void equatorHasTwelveHourDaysAndPolesHaveNightAndDay() {
    for (int j = 1; j <= 365; j += 30) {
      assertEquals(12.0, SolarGeometry.dayLengthHours(0, j), 1e-12);
    }
    double north80 = Math.toRadians(80);
    assertEquals(0.0, SolarGeometry.dayLengthHours(north80, 355));
    assertEquals(0.0, SolarGeometry.extraterrestrialRadiation(north80, 355));
    assertEquals(24.0, SolarGeometry.dayLengthHours(north80, 172), 1e-12);
  }
}
