package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The character scanner that reads number cells agrees with the definitions it replaced: the regular
 * expressions for what counts as a number, and Double.parseDouble for its value, bit for bit.
 */
class CellsTest {
  /** The syntax a number cell had to match, as the former regular expression said it. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INFINITY = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);

  @Property(tries = 1000)
  void everyDoubleReadsBackBitForBit(@ForAll double v) {
    for (String text : new String[] {Double.toString(v), String.format(Locale.ROOT, "%.6f", v),
        String.format(Locale.ROOT, "%.17e", v), String.format(Locale.ROOT, "%.3g", v)}) {
      if (Cells.kind(text) == Cells.Kind.NUMBER) {
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(Cells.number(text)), text);
      }
    }
  }

  @Property(tries = 1000)
  void decimalTextsReadAsParseDoubleDoes(@ForAll("decimals") String text) {
    assertEquals(Cells.Kind.NUMBER, Cells.kind(text), text);
    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(Cells.number(text)), text);
  }

  @Property(tries = 1000)
  void classificationAgreesWithTheRegularExpressions(@ForAll("cellish") String text) {
    Cells.Kind expected = Cells.isMissing(text) ? Cells.Kind.MISSING : NUMBER.matcher(text).matches() ? Cells.Kind.NUMBER
        : INFINITY.matcher(text).matches() ? Cells.Kind.INFINITE : Cells.Kind.TEXT;
    assertEquals(expected, Cells.kind(text), text);
    assertEquals(text.matches("[+-]?\\d{1,18}"), Cells.isInteger(text), text);
  }

  @Property(tries = 1000)
  void theOnePassReader_isTheClassifierThenTheReader(@ForAll("cellish") String text) {
    double expected = Cells.kind(text) == Cells.Kind.NUMBER ? Cells.number(text) : Double.NaN;
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Cells.decimal(text.toCharArray(), 0, text.length())),
        text);
  }

  @Property(tries = 1000)
  void theOnePassReader_readsDecimalsAsParseDoubleDoes(@ForAll("decimals") String text) {
    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
        Double.doubleToRawLongBits(Cells.decimal(text.toCharArray(), 0, text.length())), text);
  }

  @Test
  void markersAndEdgeCases() {
    for (String missing : new String[] {"", "NA", "na", "NaN", "nan", "NAN"}) {
      assertEquals(Cells.Kind.MISSING, Cells.kind(missing), missing);
    }
    for (String text : new String[] {"1d", "0x10", "1e", "e5", ".", "+", "1.2.3", "1e+", "--1", "N/A", "Infinit"}) {
      assertEquals(Cells.Kind.TEXT, Cells.kind(text), text);
    }
    for (String inf : new String[] {"inf", "-Inf", "+INFINITY", "Infinity"}) {
      assertEquals(Cells.Kind.INFINITE, Cells.kind(inf), inf);
    }
    assertEquals(-0.0, Cells.number("-0.000"));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Cells.number("-0")));
    assertEquals(1e-320, Cells.number("1e-320"));
    assertEquals(Double.POSITIVE_INFINITY, Cells.number("1e999"));
    assertEquals(0.1, Cells.number(".1"));
    assertEquals(5.0, Cells.number("5."));
    assertEquals(123456789012345678901234567890.0, Cells.number("123456789012345678901234567890"));
    assertEquals(9007199254740993.0, Cells.number("9007199254740993"));
  }

  @Provide
  Arbitrary<String> decimals() {
    Arbitrary<String> sign = Arbitraries.of("", "+", "-");
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(22);
    Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("", "e", "E", "e-", "e+", "E-"),
        Arbitraries.integers().between(0, 340)).as((e, n) -> e.isEmpty() ? "" : e + n);
    return Combinators.combine(sign, digits, Arbitraries.of("", "."), digits, exponent)
        .as((s, a, dot, b, e) -> s + a + (dot.isEmpty() ? "" : "." + b) + e)
        .filter(t -> NUMBER.matcher(t).matches());
  }

  @Provide
  Arbitrary<String> cellish() {
    return Arbitraries.strings().withChars("0123456789+-.eEinfaINFAty x").ofMaxLength(10);
  }
}
