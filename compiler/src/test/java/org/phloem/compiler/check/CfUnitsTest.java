package org.phloem.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CF {@code units} attributes read into the unit algebra and compared with declared units. */
class CfUnitsTest {
  private final CfUnits check = new CfUnits();

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = ';', value = {
      "m s-1; m/s", "m2 s-1; m^2/s", "mol m-2 s-1; mol/m2/s", "W m^-2; W/m2", "kg.m-2; kg/m2", "kg m**-2; kg/m^2",
      "days since 1990-01-01; day", "hours since 2000-01-01 00:00:00; h", "K; K", "kelvin; K", "degC; degC",
      "degree_Celsius; degC", "hPa; hPa", "percent; %", "1; 1", "none; 1", "m/s; m/s", "gC m-2 d-1; gC/m2/day",
      "metres; m", "umol m-2 s-1; umol/m2/s"})
  void readsWhatCfFilesWrite(String cf, String phloem) throws UnitParser.UnitSyntaxException {
    Unit u = CfUnits.parse(cf);
    assertTrue(u.sameAs(UnitParser.parse(phloem)), cf + " read as " + u.dimensions() + " x " + u.scale());
  }

  @Test
  void degreesOfLatitudeAreTheirOwnUnit() throws UnitParser.UnitSyntaxException {
    assertTrue(CfUnits.parse("degrees_north").sameAs(CfUnits.parse("degree_east")));
    assertTrue(!CfUnits.parse("degrees_north").sameDimension(Unit.ONE));
  }

  @Test
  void agreeingUnitsPass() {
    assertNull(check.mismatch("m/s", "m s-1"));
    assertNull(check.mismatch("mol/m2/s", "mol m-2 s-1"));
  }

  @Test
  void aScaleDifferenceGivesTheFactor() {
    String why = check.mismatch("Pa", "hPa");
    assertTrue(why.contains("1 hPa = 100 Pa"), why);
  }

  @Test
  void differentQuantitiesAreNamed() {
    String why = check.mismatch("degC", "K");
    assertTrue(why.contains("different quantities"), why);
  }

  @Test
  void unreadableFileUnitsSaySo() {
    String why = check.mismatch("m", "m s-1 @ 3");
    assertTrue(why.contains("cannot read these units"), why);
    assertThrows(UnitParser.UnitSyntaxException.class, () -> CfUnits.parse("3 m"));
  }

  @Test
  void aDimensionlessFileUnitAgainstALengthIsAMismatch() {
    assertEquals(false, check.mismatch("m", "none") == null);
  }
}
