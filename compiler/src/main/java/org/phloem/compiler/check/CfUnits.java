package org.phloem.compiler.check;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phloem.runtime.data.UnitCheck;

/**
 * Reads the {@code units} attribute of a NetCDF variable (CF conventions, UDUNITS syntax: {@code m s-1},
 * {@code mol m-2 s-1}, {@code W m^-2}, {@code kg.m-2}, {@code days since 1990-01-01}) into Phloem's unit
 * algebra, and compares it with an input's declared unit. Only what CF files commonly write is read:
 * products by space, '.' or '*', division by '/', integer powers written after the symbol, the usual
 * long names (metre, second, day, kelvin, percent, degree_Celsius, ...). Latitude and longitude degrees
 * are a unit of their own.
 */
public final class CfUnits implements UnitCheck {
  private static final Pattern FACTOR = Pattern.compile("([A-Za-z_%]+)(?:\\^|\\*\\*)?(-?\\d+)?");
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("meter", "m"), Map.entry("meters", "m"), Map.entry("metre", "m"), Map.entry("metres", "m"),
      Map.entry("second", "s"), Map.entry("seconds", "s"), Map.entry("sec", "s"),
      Map.entry("minute", "min"), Map.entry("minutes", "min"),
      Map.entry("hour", "h"), Map.entry("hours", "h"), Map.entry("hr", "h"),
      Map.entry("days", "day"), Map.entry("months", "month"), Map.entry("years", "year"),
      Map.entry("kelvin", "K"), Map.entry("degK", "K"), Map.entry("degrees_K", "K"),
      Map.entry("degC", "degC"), Map.entry("degree_C", "degC"), Map.entry("degrees_C", "degC"),
      Map.entry("degree_Celsius", "degC"), Map.entry("degrees_Celsius", "degC"), Map.entry("celsius", "degC"),
      Map.entry("Celsius", "degC"), Map.entry("percent", "%"), Map.entry("gram", "g"), Map.entry("grams", "g"),
      Map.entry("mole", "mol"), Map.entry("moles", "mol"), Map.entry("pascal", "Pa"), Map.entry("watt", "W"),
      Map.entry("joule", "J"), Map.entry("ppmv", "ppm"), Map.entry("ppbv", "ppb"),
      Map.entry("degree_north", "degree"), Map.entry("degrees_north", "degree"),
      Map.entry("degree_N", "degree"), Map.entry("degrees_N", "degree"), Map.entry("degree_east", "degree"),
      Map.entry("degrees_east", "degree"), Map.entry("degree_E", "degree"), Map.entry("degrees_E", "degree"),
      Map.entry("degrees", "degree"));

  @Override
  public String mismatch(String declared, String fileUnits) {
    Unit want;
    Unit have;
    try {
      want = UnitParser.parse(declared);
    } catch (UnitParser.UnitSyntaxException e) {
      return null; // the checker has reported the declaration already
    }
    try {
      have = parse(fileUnits);
    } catch (UnitParser.UnitSyntaxException e) {
      return "Phloem cannot read these units (" + e.getMessage() + ") to compare them; drop the `unit` clause "
          + "or fix the attribute";
    }
    if (want.sameAs(have)) {
      return null;
    }
    if (want.sameDimension(have)) {
      return "the same kind of quantity, but 1 " + fileUnits + " = " + Unit.formatFactor(have.factorTo(want)) + " "
          + declared + "; declare the input in the file's unit and convert in the model";
    }
    return "they measure different quantities (" + dimensions(have) + " in the file, " + dimensions(want)
        + " declared)";
  }

  private static String dimensions(Unit u) {
    if (u.dimensions().isEmpty()) {
      return "dimensionless";
    }
    StringBuilder s = new StringBuilder();
    u.dimensions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.append(s.length() > 0 ? " " : "")
        .append(e.getKey()).append(e.getValue() == 1 ? "" : "^" + e.getValue()));
    return s.toString();
  }

  /**
   * The unit a CF {@code units} attribute names.
   *
   * @throws UnitParser.UnitSyntaxException when it is not one Phloem can read
   */
  public static Unit parse(String cf) throws UnitParser.UnitSyntaxException {
    String text = cf.trim();
    int since = text.toLowerCase(Locale.ROOT).indexOf(" since ");
    if (since > 0) {
      text = text.substring(0, since).trim(); // "days since 1990-01-01": a time in days
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (text.isEmpty() || lower.equals("1") || lower.equals("none") || lower.equals("-")
        || lower.equals("dimensionless") || lower.equals("unitless") || lower.equals("fraction")) {
      return Unit.ONE.writtenAs(cf.trim());
    }
    StringBuilder phloem = new StringBuilder();
    for (String part : text.split("/", -1)) {
      if (phloem.length() > 0) {
        phloem.append('/');
      }
      phloem.append('(').append(product(part.trim(), cf)).append(')');
    }
    return UnitParser.parse(phloem.toString()).writtenAs(cf.trim());
  }

  /** "mol m-2 s-1" as "mol*m^-2*s^-1". */
  private static String product(String part, String whole) throws UnitParser.UnitSyntaxException {
    if (part.isEmpty()) {
      throw new UnitParser.UnitSyntaxException("'" + whole + "' has an empty side of '/'");
    }
    StringBuilder out = new StringBuilder();
    for (String factor : part.replace("**", "^").split("[\\s.*]+")) {
      if (factor.isEmpty()) {
        continue;
      }
      if (factor.equals("1")) {
        continue;
      }
      Matcher m = FACTOR.matcher(factor);
      if (!m.matches()) {
        throw new UnitParser.UnitSyntaxException("'" + factor + "' is not a unit symbol with an integer power");
      }
      String symbol = NAMES.getOrDefault(m.group(1), m.group(1));
      if (out.length() > 0) {
        out.append('*');
      }
      out.append(symbol);
      if (m.group(2) != null) {
        out.append('^').append(m.group(2));
      }
    }
    return out.length() == 0 ? "1" : out.toString();
  }
}
