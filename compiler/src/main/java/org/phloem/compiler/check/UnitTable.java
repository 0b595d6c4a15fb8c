package org.phloem.compiler.check;

import java.util.HashMap;
import java.util.Map;

/**
 * The unit symbols Phloem knows, each mapped to base dimensions and a scale. Base dimensions: mass
 * (g), carbon mass (gC), nitrogen mass (gN), amount (mol), length (m), time (s), temperature (K) and
 * Celsius temperature (degC, kept apart from K because it has an offset a scale cannot express).
 * Carbon mass is apart from plain mass: a gram of carbon is not a gram of biomass, and converting
 * between them is science, not a unit change. Symbols the table does not know are each their own
 * base dimension, unless they are one edit from a known symbol of two letters or more: then they are
 * refused as a typo with a "did you mean" ({@code dya}, {@code Day}, {@code degc}).
 */
final class UnitTable {
  private static final double DAY = 86400;
  private static final double YEAR = 365.25 * DAY;
  private static final Map<String, Unit> KNOWN = new HashMap<>();

  static {
    prefixed("g", "mass", new String[] {"ug", "mg", "g", "kg", "Mg", "t"},
        new double[] {1e-6, 1e-3, 1, 1e3, 1e6, 1e6});
    prefixed("gC", "carbon", new String[] {"ugC", "mgC", "gC", "kgC", "MgC", "tC", "GgC", "TgC", "PgC"},
        new double[] {1e-6, 1e-3, 1, 1e3, 1e6, 1e6, 1e9, 1e12, 1e15});
    prefixed("gN", "nitrogen", new String[] {"mgN", "gN", "kgN"}, new double[] {1e-3, 1, 1e3});
    prefixed("mol", "amount", new String[] {"nmol", "umol", "mmol", "mol", "kmol"},
        new double[] {1e-9, 1e-6, 1e-3, 1, 1e3});
    prefixed("m", "length", new String[] {"mm", "cm", "m", "km"}, new double[] {1e-3, 1e-2, 1, 1e3});
    prefixed("s", "time", new String[] {"s", "min", "h", "hour", "d", "day", "month", "yr", "year"},
        new double[] {1, 60, 3600, 3600, DAY, DAY, YEAR / 12, YEAR, YEAR});
    put("K", Map.of("temperature", 1), 1);
    put("degC", Map.of("celsius", 1), 1);
    put("ha", Map.of("length", 2), 1e4);
    put("L", Map.of("length", 3), 1e-3);
    // Energy, power and pressure in base units of g, m, s (so 1 J = 1000 g m2 s-2).
    Map<String, Integer> energy = Map.of("mass", 1, "length", 2, "time", -2);
    put("J", energy, 1e3);
    put("kJ", energy, 1e6);
    put("MJ", energy, 1e9);
    put("W", Map.of("mass", 1, "length", 2, "time", -3), 1e3);
    Map<String, Integer> pressure = Map.of("mass", 1, "length", -1, "time", -2);
    put("Pa", pressure, 1e3);
    put("hPa", pressure, 1e5);
    put("kPa", pressure, 1e6);
    put("MPa", pressure, 1e9);
    put("ppm", Map.of(), 1e-6);
    put("ppb", Map.of(), 1e-9);
    put("%", Map.of(), 1e-2);
  }

  private UnitTable() {}

  private static void prefixed(String base, String dimension, String[] symbols, double[] scales) {
    for (int i = 0; i < symbols.length; i++) {
      put(symbols[i], Map.of(dimension, 1), scales[i]);
    }
  }

  private static void put(String symbol, Map<String, Integer> dims, double scale) {
    KNOWN.put(symbol, Unit.of(dims, scale, symbol));
  }

  /** True when the symbol is in the table. */
  static boolean isKnown(String symbol) {
    return KNOWN.containsKey(symbol);
  }

  /**
   * The unit of a symbol. A symbol not in the table that ends in digits is read as a power ({@code m2}
   * = m², {@code cm3} = cm³); any other unknown symbol is its own base dimension.
   */
  static Unit lookup(String symbol) throws UnitParser.UnitSyntaxException {
    Unit known = KNOWN.get(symbol);
    if (known != null) {
      return known;
    }
    int i = symbol.length();
    while (i > 0 && Character.isDigit(symbol.charAt(i - 1))) {
      i--;
    }
    if (i > 0 && i < symbol.length() && symbol.length() - i <= 2) {
      int power = Integer.parseInt(symbol.substring(i));
      return lookup(symbol.substring(0, i)).pow(power).writtenAs(symbol);
    }
    String typo = typoOf(symbol);
    if (typo != null) {
      throw new UnitParser.UnitSyntaxException("'" + symbol + "' is not a known unit symbol; did you mean '" + typo
          + "'? (An unknown symbol is its own dimension, but one this close to a known symbol is taken for a typo)");
    }
    return Unit.of(Map.of(symbol, 1), 1, symbol);
  }

  /**
   * The known symbol an unknown one is a plausible typo of, or null: the same letters in another case
   * ({@code Day}, {@code degc}), two neighbours swapped ({@code dya}, {@code yaer}), or, for symbols of
   * four letters or more, one letter added, dropped or changed ({@code mnth}, {@code yeer}). Short
   * symbols are held to the first two only, since many are one letter apart ({@code CO} is not
   * {@code cm}); symbols of one letter are never compared.
   */
  private static String typoOf(String symbol) {
    if (symbol.length() < 2) {
      return null;
    }
    for (String k : KNOWN.keySet().stream().filter(k -> k.length() >= 2).sorted().toList()) {
      if (k.equalsIgnoreCase(symbol) || swapOfNeighbours(symbol, k)
          || (symbol.length() >= 4 && Suggestions.distance(symbol, k) == 1)) {
        return k;
      }
    }
    return null;
  }

  private static boolean swapOfNeighbours(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i + 1 < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i) && a.substring(i + 2).equals(b.substring(i + 2));
      }
    }
    return false;
  }
}
