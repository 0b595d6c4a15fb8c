package org.phloem.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TapeBudgetTest {

  @Test
  void parse_bytesAndBinaryUnits() {
    assertEquals(4096, TapeBudget.parse("4096"));
    assertEquals(512L << 10, TapeBudget.parse("512k"));
    assertEquals(64L << 20, TapeBudget.parse("64M"));
    assertEquals(2L << 30, TapeBudget.parse(" 2g "));
    assertEquals(0, TapeBudget.parse("0"));
  }

  @Test
  void parse_refusesWhatIsNotASize_sayingWhatIs() {
    for (String bad : new String[] {"", "m", "-1", "12mb", "1.5g", "99999999999999999999", "9000000000000g"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TapeBudget.parse(bad), bad);
      assertTrue(e.getMessage().contains("e.g. 64m"), e.getMessage());
    }
  }
}
