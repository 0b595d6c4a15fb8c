package org.phloem.compiler.check;

/**
 * The value of a const: one number for a scalar, one per element for a list.
 *
 * @param values the values (length 1 for a scalar const)
 * @param integer true when every value is an integer by type (an INT const); only a scalar INT
 *     const can size a dim or bound a range
 */
public record ConstValue(double[] values, boolean integer) {
  public ConstValue {
    values = values.clone();
  }

  /** The values (a copy). */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** The single value of a scalar const. */
  public double scalar() {
    if (values.length != 1) {
      throw new IllegalStateException("not a scalar const");
    }
    return values[0];
  }

  /** The single value of a scalar INT const, as an int. */
  public int intValue() {
    if (!integer || values.length != 1) {
      throw new IllegalStateException("not a scalar INT const");
    }
    return (int) values[0];
  }
}
