package org.phloem.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unit algebra against conversion factors from the SI definitions (1 day = 86400 s, 1 MJ = 10^6
 * J, 1 J = 1 kg m2 s-2, 1 kPa = 1000 Pa), not against the table itself.
 */
class UnitAlgebraTest {
  private static Unit u(String text) {
    try {
      return UnitParser.parse(text);
    } catch (UnitParser.UnitSyntaxException e) {
      throw new AssertionError(text + ": " + e.getMessage());
    }
  }

  @ParameterizedTest(name = "1 {0} = {2} {1}")
  @CsvSource({
      "gC/m2/s, gC/m2/day, 86400",
      "day, s, 86400",
      "h, min, 60",
      "yr, day, 365.25",
      "MJ, J, 1e6",
      "J, kg*m^2/s^2, 1",
      "W, J/s, 1",
      "kPa, Pa, 1000",
      "MPa, hPa, 1e4",
      "kgC/m2, gC/m2, 1000",
      "PgC, gC, 1e15",
      "umol, mol, 1e-6",
      "ha, m2, 1e4",
      "m2, cm2, 1e4",
      "cm3, L, 1e-3",
      "%, ppm, 1e4",
      "1/day, 1/s, 1.1574074074074073e-5",
      "MJ/m2/day, W/m2, 11.574074074074074",
      "(gC/m2)/day, gC/(m2*day), 1",
      "m^-2, 1/m2, 1",
  })
  void factorTo_knownUnits_matchesDefinitions(String a, String b, double factor) {
    Unit x = u(a);
    Unit y = u(b);
    assertTrue(x.sameDimension(y), a + " and " + b + " should share a dimension");
    assertEquals(factor, x.factorTo(y), Math.abs(factor) * 1e-12);
  }

  @ParameterizedTest
  @CsvSource({"gC/m2/day, umol/m2/s", "gC, g", "degC, K", "m2, m", "ppm, gC", "foo, bar", "foo, 1"})
  void sameDimension_differentQuantities_isFalse(String a, String b) {
    assertFalse(u(a).sameDimension(u(b)));
  }

  @Test
  void times_cancelsSymbolsAndShowsTheRest() {
    Unit flux = u("gC/MJ").times(u("MJ/m2/month"));
    assertEquals("gC/m2/month", flux.toString());
    assertTrue(flux.sameAs(u("gC/m2/month")));
    Unit ppm = u("ppm/(gC/month)").times(u("gC/m2/month")).times(u("m2"));
    assertEquals("ppm", ppm.toString());
    assertTrue(u("m").pow(2).sameAs(u("m2")));
    assertEquals("m2", u("m").pow(2).toString());
    assertTrue(u("m2").sqrt().sameAs(u("m")));
    assertEquals(null, u("m3").sqrt());
  }

  @Test
  void lookup_trailingDigits_areAPowerUnlessTheSymbolIsKnown() {
    assertEquals(Map.of("length", 3), u("cm3").dimensions());
    assertEquals(1e-6, u("cm3").scale(), 1e-18);
    assertEquals(Map.of("CO", 2), u("CO2").dimensions(), "an unknown base, squared");
    assertEquals(Map.of("amount", 1), u("umol").dimensions());
  }

  /** A symbol that is a plausible typo of a known one is refused with the known one named; others are their own dimension. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"dya|day", "gC/m2/Day|day", "yaer|year", "mnth|month", "degc|degC", "umlo|umol"})
  void typoOfAKnownSymbol_isRefusedWithADidYouMean(String text, String meant) {
    UnitParser.UnitSyntaxException e = assertThrows(UnitParser.UnitSyntaxException.class, () -> UnitParser.parse(text));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("did you mean '" + meant + "'"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"leaf", "CO2", "tree", "cells", "individuals"})
  void anUnknownSymbolFarFromAnyKnownOne_isItsOwnDimension(String text) throws Exception {
    org.junit.jupiter.api.Assertions.assertNotNull(UnitParser.parse(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"''", "gC/", "m^", "2/day", "gC**m", "(m", "m$"})
  void parse_malformed_throws(String text) {
    assertThrows(UnitParser.UnitSyntaxException.class, () -> UnitParser.parse(text));
  }

  @Test
  void mismatch_sameDimension_statesTheFactor() {
    String m = UnitRules.mismatch("Cannot add '%s' and '%s'", u("gC/m2/day"), u("gC/m2/s"));
    assertEquals("Cannot add 'gC/m2/day' and 'gC/m2/s': same dimension, different scale "
        + "(1 gC/m2/s = 86400 gC/m2/day).", m);
    String d = UnitRules.mismatch("Cannot add '%s' and '%s'", u("gC/m2/day"), u("umol/m2/s"));
    assertEquals("Cannot add 'gC/m2/day' and 'umol/m2/s': they have different dimensions.", d);
  }

  @Test
  void formatFactor_readsLikeANumber() {
    assertEquals("86400", Unit.formatFactor(86400));
    assertEquals("1000", Unit.formatFactor(1e3));
    assertEquals("1.15741e-5", Unit.formatFactor(1 / 86400.0));
    assertEquals("2.5", Unit.formatFactor(2.5));
    assertEquals("30.4375", Unit.formatFactor(30.4375));
  }

  /** (a·b)/b is a, and a/a is dimensionless with scale 1, for any product of known symbols. */
  @Property(tries = 200)
  void algebra_productThenQuotient_givesBackTheUnit(@ForAll("units") String a, @ForAll("units") String b) {
    Unit x = u(a);
    Unit y = u(b);
    assertTrue(x.times(y).dividedBy(y).sameAs(x));
    Unit one = x.dividedBy(x);
    assertTrue(one.isDimensionless());
    assertEquals(1.0, one.scale(), 1e-12);
    assertTrue(x.times(y).sameAs(y.times(x)));
    assertTrue(x.pow(2).sameAs(x.times(x)));
  }

  @Provide
  Arbitrary<String> units() {
    Arbitrary<String> symbol = Arbitraries.of("gC", "kgC", "m", "m2", "km", "s", "day", "yr", "MJ",
        "umol", "mol", "Pa", "kPa", "ppm", "%", "degC", "K", "W", "foo");
    Arbitrary<String> factor = Arbitraries.integers().between(-3, 3).filter(n -> n != 0)
        .flatMap(n -> symbol.map(s -> n == 1 ? s : "(" + s + ")^" + n));
    return factor.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("*", l));
  }
}
