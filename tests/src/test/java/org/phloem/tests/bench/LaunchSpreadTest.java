package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launch-spread report: raw and normalised spreads, flagged launches, log events inside the measured window. */
class LaunchSpreadTest {

  private static Map<String, String> result(double gradient, double control) {
    Map<String, String> r = new HashMap<>();
    r.put("gradient_us", Double.toString(gradient));
    r.put("gradient_p10_us", Double.toString(gradient * 0.99));
    r.put("forward_us", Double.toString(gradient / 2));
    r.put("forward_p10_us", Double.toString(gradient / 2));
    r.put("control_us", Double.toString(control));
    r.put("control_p10_us", Double.toString(control));
    r.put("gradient_mean_us", Double.toString(gradient * 1.05));
    r.put("control_mean_us", Double.toString(control * 1.05));
    r.put("gradient_slow_share", "0.1");
    r.put("control_slow_share", "0.05");
    r.put("gradient_first_half_us", Double.toString(gradient));
    r.put("gradient_second_half_us", Double.toString(gradient));
    r.put("measure_from_ms", "10000");
    r.put("measure_to_ms", "11000");
    r.put("load", "0.5..0.6");
    return r;
  }

  @Test
  void aLaunchWhoseControlMoved_isFlaggedAndKept_andTheSpreadsAreRawAndNormalised() {
    // launch 3: the machine (control +30 %, gradient +30 %); launch 2: the gradient alone is 20 % slower
    double[][] measured = {{150, 100}, {180, 100}, {195, 130}, {150, 100}};
    List<LaunchSpread.Launch> launches = new ArrayList<>();
    for (int i = 0; i < measured.length; i++) {
      launches.add(LaunchSpread.Launch.of(i + 1, result(measured[i][0], measured[i][1]), List.of(), List.of()));
    }
    List<String> section = LaunchSpread.section("m.phl", launches, 0.05);
    String text = String.join("\n", section);
    assertEquals(4, section.stream().filter(l -> l.matches("\\| \\d+ \\|.*")).count(), text);
    assertTrue(section.stream().anyMatch(l -> l.startsWith("| 3 |") && l.contains("⚑ +30 %")), text);
    assertTrue(section.stream().noneMatch(l -> l.startsWith("| 2 |") && l.contains("⚑")), text);
    // raw: 195/150 - 1 = 30 %; normalised: 1.8/1.5 - 1 = 20 %; without launch 3: 180/150 - 1 = 20 %
    assertTrue(text.contains("medians **30.0 %** (150.0..195.0 µs)"), text);
    assertTrue(text.contains("spread **20.0 %** (1.500..1.800)"), text);
    assertTrue(text.contains("3 (+30 %); over the other 3 launches the gradient medians spread 20.0 %"), text);
    assertTrue(text.contains("over the 4 launches: raw **not met**, normalised **not met**"), text);
  }

  @Test
  void theLargeControlNormalisesBeside_theSmallOne() {
    // launch 2: the machine's slow state, which slows the small control by 10 % and the large one and the gradient by 30 %
    double[][] measured = {{150, 100, 300}, {195, 110, 390}, {153, 100, 300}};
    List<LaunchSpread.Launch> launches = new ArrayList<>();
    for (int i = 0; i < measured.length; i++) {
      Map<String, String> r = result(measured[i][0], measured[i][1]);
      r.put("control_large_us", Double.toString(measured[i][2]));
      r.put("control_large_mean_us", Double.toString(measured[i][2] * 1.05));
      launches.add(LaunchSpread.Launch.of(i + 1, r, List.of(), List.of()));
    }
    String text = String.join("\n", LaunchSpread.section("m.phl", launches, 0.05));
    // small control: 195/110 / (150/100) - 1 = 18.2 %; large control: (0.51 / 0.5) - 1 = 2.0 % (153/300 against 150/300 and 195/390)
    assertTrue(text.contains("spread **18.2 %** (1.500..1.773)"), text);
    assertTrue(text.contains("3× the drivers), all 3 launches: spread **2.0 %** (0.500..0.510); large control medians 30.0 %"), text);
    assertTrue(text.contains("raw **not met**, normalised **not met**, normalised by the large control met"), text);
    assertTrue(text.contains("| 390.0, 409.5, +30 % | 0.500 |"), text);
  }

  @Test
  void theGradientControlNormalisesBeside_theOthers_andTheTraceGivesTheGradientPerCpu() {
    // launch 2: the slow state of its CPU, which slows the gradient and the hand-written adjoint by 50 %, the small control by 33 %
    double[][] measured = {{150, 100, 200}, {225, 133, 300}, {153, 100, 200}};
    List<LaunchSpread.Launch> launches = new ArrayList<>();
    for (int i = 0; i < measured.length; i++) {
      Map<String, String> r = result(measured[i][0], measured[i][1]);
      r.put("control_gradient_us", Double.toString(measured[i][2]));
      r.put("control_gradient_mean_us", Double.toString(measured[i][2] * 1.05));
      List<String> trace = i == 1
          ? List.of("call,uptime_ms,gradient_us,cpu", "0,1.0,224.0,0", "1,2.0,226.0,0", "2,3.0,150.0,1", "3,4.0,228.0,0")
          : List.of("call,uptime_ms,gradient_us,cpu", "0,1.0,150.0,1");
      launches.add(LaunchSpread.Launch.of(i + 1, r, List.of(), List.of(), trace));
    }
    String text = String.join("\n", LaunchSpread.section("m.phl", launches, 0.05));
    // 150/200 = 225/300 = 0.75, 153/200 = 0.765: 2.0 %; the small control: (225/133) / (150/100) - 1 = 12.8 %
    assertTrue(text.contains("hand-written DALEC adjoint), all 3 launches: spread **2.0 %** (0.750..0.765); gradient control medians 50.0 %"), text);
    assertTrue(text.contains("spread **12.8 %** (1.500..1.692)"), text);
    assertTrue(text.contains("normalised by the gradient control met"), text);
    // launch 2's gradient control is 50 % above the median (200), its calls ran 3 on CPU 0 (median 226) and 1 on CPU 1
    assertTrue(text.contains("| 300.0, 315.0, +50 % | 0.750 | cpu 0: 226.0 (75 %); cpu 1: 150.0 (25 %) |"), text);
    assertEquals("?", LaunchSpread.Launch.byCpu(List.of("call,uptime_ms,gradient_us", "0,1.0,150.0")));
  }

  @Test
  void theLastCompilationOfTheModelsCode_upToTheWindowsEnd_isReported_notTheProbes() {
    List<String> compilation = List.of("   9999 1800       4       org.phloem.generated.m::runGradient (592 bytes)",
        "  10500 1801       4       org.phloem.runtime.GeneratedModel::gradient (73 bytes)",
        "  10600 1802       4       java.lang.String::indexOf (7 bytes)",
        "  10700 1803       3       org.phloem.tests.bench.LaunchProbe::lambda$slowShare$0 (12 bytes)",
        "  11500 1701       4       org.phloem.runtime.data.CsvRecordReader::nextRecord (297 bytes)   made not entrant");
    // the window is 10000..11000 ms: the runtime's gradient wrapper compiled in it; the probe's code and what came after do not count
    LaunchSpread.Launch l = LaunchSpread.Launch.of(1, result(150, 100), List.of(), compilation);
    assertEquals(10500, l.lastCompilationMs());
    assertTrue(l.row(List.of(l), 0.05).contains("| 10.5 / 10.0 |"), l.row(List.of(l), 0.05));
    assertEquals(-1, LaunchSpread.Launch.of(1, result(150, 100), List.of(), List.of()).lastCompilationMs());
  }

  @Test
  void theNormalisedFigureDividesTheMeans_notTheMedians() {
    // a gradient whose median flipped to the slow mode (most calls hit by one disturbance) while its mean moved little
    Map<String, String> r = result(177, 90);
    r.put("gradient_mean_us", "165");
    r.put("control_mean_us", "94");
    assertEquals(165 / 94.0, LaunchSpread.Launch.of(1, r, List.of(), List.of()).normalised(), 1e-12);
  }

  @Test
  void onlyEventsInsideTheMeasuredWindowAreCounted_andARefusedGeneratedMethodIsReported() {
    List<String> gc = List.of("[9.500s] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 27M->3M(380M) 4.9ms",
        "[10.250s] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 27M->3M(380M) 4.9ms", "[10.300s] GC(4) Something else",
        "[11.500s] GC(5) Pause Young (Normal) (G1 Evacuation Pause) 27M->3M(380M) 4.9ms");
    List<String> compilation = List.of("   9999 1800       4       org.phloem.generated.m::runGradient (592 bytes)",
        "  10100 1801       4       org.phloem.runtime.GeneratedModel::gradient (73 bytes)",
        "  10200 1802       4       java.lang.String::indexOf (7 bytes)",
        "  10300 1800       4       org.phloem.generated.m::runGradient (592 bytes)   made not entrant",
        "   5000 1700       4       org.phloem.generated.m::runGradient$1 (3030 bytes)   COMPILE SKIPPED: unsupported incoming calling sequence");
    LaunchSpread.Launch l = LaunchSpread.Launch.of(1, result(150, 100), gc, compilation);
    assertEquals(1, l.gcPauses());
    assertEquals(2, l.compilations());
    assertEquals(1, l.refused().size());
  }

  @Test
  void theQuietLaunches_areChosenByEveryControl_neverByTheGradient() {
    // launch 2: the machine slowed (small control +31 %); launch 5: only the large control moved (+10 %);
    // launch 3: the gradient alone is slower (the thing measured), its controls quiet
    double[][] measured = {{150, 100, 300}, {200, 130, 390}, {160, 102, 306}, {148, 99, 297}, {170, 100, 330}};
    List<LaunchSpread.Launch> launches = new ArrayList<>();
    for (int i = 0; i < measured.length; i++) {
      Map<String, String> r = result(measured[i][0], measured[i][1]);
      r.put("control_large_us", Double.toString(measured[i][2]));
      r.put("control_large_mean_us", Double.toString(measured[i][2]));
      launches.add(LaunchSpread.Launch.of(i + 1, r, List.of(), List.of()));
    }
    assertEquals(List.of(1, 3, 4), LaunchSpread.quiet(launches, 0.05).stream().map(LaunchSpread.Launch::number).toList());
    String text = String.join("\n", LaunchSpread.section("m.phl", launches, 0.05));
    // 160 / 148 - 1 = 8.1 %: launch 3's slower gradient stays in
    assertTrue(text.contains("fastest launch's): 3 of 5 (1, 3, 4); over them the gradient medians spread **8.1 %** (148.0..160.0 µs)"), text);
    assertTrue(text.contains("raw over the 3 quiet launches met"), text);
    // with a tighter threshold launch 3 (control 102 against 99: +3 %) is no longer quiet
    assertEquals(List.of(1, 4), LaunchSpread.quiet(launches, 0.02).stream().map(LaunchSpread.Launch::number).toList());
  }
}
