package org.phloem.runtime.data;

/**
 * Compares an input's declared unit with the {@code units} attribute of the NetCDF variable it is read
 * from. The runtime knows no unit algebra (the compiler's checker does), so the compiler passes one in.
 */
@FunctionalInterface
public interface UnitCheck {
  /** Accepts every pair: used where no unit algebra is at hand. */
  UnitCheck NONE = (declared, file) -> null;

  /**
   * Why {@code fileUnits} does not match {@code declared}, in a sentence, or null when they agree.
   *
   * @param declared the input's declared unit, as written in the model
   * @param fileUnits the variable's {@code units} attribute, as written in the file (CF/UDUNITS syntax)
   */
  String mismatch(String declared, String fileUnits);
}
