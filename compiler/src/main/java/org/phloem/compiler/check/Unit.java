package org.phloem.compiler.check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A physical unit: a product of base dimensions raised to integer powers, times a scale relative to
 * the base units ({@code gC/m2/day} is carbon·length⁻²·time⁻¹ with scale 1/86400).
 *
 * <p>It also remembers the symbols it was written with, only to show it back to the modeller. Two
 * units are the same when dimensions and scale agree; how they were written does not matter.
 */
public final class Unit {
  /** The dimensionless unit 1. */
  public static final Unit ONE = new Unit(Map.of(), 1.0, Map.of(), "1");

  private static final double SCALE_TOLERANCE = 1e-9;

  private final Map<String, Integer> dimensions;
  private final double scale;
  private final Map<String, Integer> symbols;
  private final String text;

  private Unit(Map<String, Integer> dimensions, double scale, Map<String, Integer> symbols, String text) {
    this.dimensions = Map.copyOf(dimensions);
    this.scale = scale;
    this.symbols = symbols;
    this.text = text;
  }

  /** A unit from its base-dimension exponents and scale, shown as {@code text}. */
  static Unit of(Map<String, Integer> dimensions, double scale, String symbol) {
    Map<String, Integer> syms = new LinkedHashMap<>();
    syms.put(symbol, 1);
    return new Unit(withoutZeros(dimensions), scale, syms, symbol);
  }

  /** The same unit shown as {@code newText} (the way the modeller wrote it). */
  Unit writtenAs(String newText) {
    return new Unit(dimensions, scale, symbols, newText);
  }

  /** The base dimensions with their (non-zero) exponents. */
  public Map<String, Integer> dimensions() {
    return dimensions;
  }

  /** How many base units one of this unit is. */
  public double scale() {
    return scale;
  }

  /** True when it has no dimension (it may still have a scale, like ppm or %). */
  public boolean isDimensionless() {
    return dimensions.isEmpty();
  }

  /** The product of two units. */
  public Unit times(Unit other) {
    return combine(other, 1);
  }

  /** The quotient of two units. */
  public Unit dividedBy(Unit other) {
    return combine(other, -1);
  }

  /** This unit to an integer power. */
  public Unit pow(int n) {
    Map<String, Integer> dims = new TreeMap<>();
    dimensions.forEach((k, v) -> dims.put(k, v * n));
    Map<String, Integer> syms = new LinkedHashMap<>();
    symbols.forEach((k, v) -> syms.put(k, v * n));
    Map<String, Integer> cleaned = withoutZeros(syms);
    return new Unit(withoutZeros(dims), Math.pow(scale, n), cleaned, render(cleaned));
  }

  /** The square root, or null when some exponent is odd. */
  public Unit sqrt() {
    Map<String, Integer> dims = new TreeMap<>();
    for (Map.Entry<String, Integer> e : dimensions.entrySet()) {
      if (e.getValue() % 2 != 0) {
        return null;
      }
      dims.put(e.getKey(), e.getValue() / 2);
    }
    Map<String, Integer> syms = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : symbols.entrySet()) {
      if (e.getValue() % 2 != 0) {
        return new Unit(dims, Math.sqrt(scale), Map.of("sqrt(" + text + ")", 1), "sqrt(" + text + ")");
      }
      syms.put(e.getKey(), e.getValue() / 2);
    }
    return new Unit(dims, Math.sqrt(scale), syms, render(syms));
  }

  private Unit combine(Unit other, int sign) {
    Map<String, Integer> dims = new TreeMap<>(dimensions);
    other.dimensions.forEach((k, v) -> dims.merge(k, sign * v, Integer::sum));
    Map<String, Integer> syms = new LinkedHashMap<>(symbols);
    other.symbols.forEach((k, v) -> syms.merge(k, sign * v, Integer::sum));
    Map<String, Integer> cleaned = withoutZeros(syms);
    double s = sign > 0 ? scale * other.scale : scale / other.scale;
    return new Unit(withoutZeros(dims), s, cleaned, render(cleaned));
  }

  private static Map<String, Integer> withoutZeros(Map<String, Integer> m) {
    Map<String, Integer> out = m instanceof TreeMap ? new TreeMap<>() : new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v != 0) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** Writes symbols as the modeller would: positive powers joined by '*', then '/' each negative one. */
  private static String render(Map<String, Integer> syms) {
    StringBuilder num = new StringBuilder();
    StringBuilder den = new StringBuilder();
    for (Map.Entry<String, Integer> e : syms.entrySet()) {
      int p = e.getValue();
      if (p > 0) {
        num.append(num.length() > 0 ? "*" : "").append(power(e.getKey(), p));
      } else {
        den.append('/').append(power(e.getKey(), -p));
      }
    }
    if (num.length() == 0) {
      num.append('1');
    }
    return num.append(den).toString();
  }

  private static String power(String symbol, int p) {
    if (p == 1) {
      return symbol;
    }
    // "m2" reads naturally, but "m22" or "CO22" would not: use '^' after a digit.
    boolean endsInDigit = Character.isDigit(symbol.charAt(symbol.length() - 1));
    return endsInDigit ? symbol + "^" + p : symbol + p;
  }

  /** True when both have the same dimensions. */
  public boolean sameDimension(Unit other) {
    return dimensions.equals(other.dimensions);
  }

  /** True when both have the same dimensions and scale: values convert with a factor of 1. */
  public boolean sameAs(Unit other) {
    return sameDimension(other)
        && Math.abs(scale - other.scale) <= SCALE_TOLERANCE * Math.max(Math.abs(scale), Math.abs(other.scale));
  }

  /** How many of {@code other} make one of this (meaningful when the dimensions agree). */
  public double factorTo(Unit other) {
    return scale / other.scale;
  }

  /** The unit as written, or as rendered from its symbols when it was computed. */
  @Override
  public String toString() {
    return text;
  }

  /** Formats a conversion factor for a message: integers plainly, others to 6 significant digits. */
  static String formatFactor(double f) {
    if (f == Math.rint(f) && Math.abs(f) < 1e15) {
      return Long.toString((long) f);
    }
    String s = String.format(Locale.ROOT, "%.6g", f);
    if (s.contains("e")) {
      String[] parts = s.split("e");
      return trimZeros(parts[0]) + "e" + Integer.parseInt(parts[1]);
    }
    return trimZeros(s);
  }

  private static String trimZeros(String s) {
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
