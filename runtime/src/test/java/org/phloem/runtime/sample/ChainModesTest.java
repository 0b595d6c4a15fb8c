package org.phloem.runtime.sample;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chains far below the highest one in log density are named, with the gap; chains that agree are not. */
class ChainModesTest {

  private static ChainDraws chain(int number, double... logDensity) {
    int n = logDensity.length;
    return new ChainDraws(number, new double[n][1], logDensity, new double[n], new int[n], new int[n], new boolean[n],
        new double[n], 0.1, new double[] {1}, 0, 0);
  }

  @Test
  void chainsInALowLocalMode_areNamed_withTheGapAndTheMedians() {
    List<ChainDraws> chains = List.of(chain(0, -4947, -4946, -4948), chain(1, -12, -11, -13), chain(2, -12.5, -11.5, -13.5),
        chain(3, -30, -31, -29));
    String s = ChainModes.below(chains);
    // chain 2 (0-based 1) has the highest median, -12; chain 1 is 4935 below, chain 4 18 below
    assertTrue(s.startsWith("Chains 1, 4 stay at a log density up to 4935 below chain 2's"), s);
    assertTrue(s.contains("medians chain 1 -4947.0, chain 2 -12.0, chain 3 -12.5, chain 4 -30.0"), s);
    assertTrue(s.contains("e^4935"), s);
  }

  @Test
  void chainsWithinTheGap_andASingleChain_areNotReported() {
    assertNull(ChainModes.below(List.of(chain(0, -12, -11), chain(1, -21, -20))), "9.5 below: within the gap");
    assertNull(ChainModes.below(List.of(chain(0, -4947, -4946))));
  }

  @Test
  void oneChainBelow_isSingular() {
    String s = ChainModes.below(List.of(chain(0, -100), chain(1, -10)));
    assertTrue(s.startsWith("Chain 1 stays at a log density up to 90 below chain 2's"), s);
  }
}
