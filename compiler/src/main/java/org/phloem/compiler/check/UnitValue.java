package org.phloem.compiler.check;

/**
 * What the checker knows about an expression's unit: a known unit; unknown (an un-annotated name,
 * compatible with anything, and anything times it is unknown too); or a bare number (a literal,
 * compatible with anything, and neutral in products, so {@code 0.5 * cf} keeps the unit of cf).
 */
record UnitValue(Unit unit, boolean number) {
  static final UnitValue UNKNOWN = new UnitValue(null, false);
  static final UnitValue NUMBER = new UnitValue(null, true);
  static final UnitValue DIMENSIONLESS = new UnitValue(Unit.ONE, false);

  static UnitValue of(Unit u) {
    return u == null ? UNKNOWN : new UnitValue(u, false);
  }

  boolean known() {
    return unit != null;
  }

  UnitValue times(UnitValue o) {
    if (number) {
      return o;
    }
    if (o.number) {
      return this;
    }
    return known() && o.known() ? of(unit.times(o.unit)) : UNKNOWN;
  }

  UnitValue dividedBy(UnitValue o) {
    if (o.number) {
      return this;
    }
    if (number && o.known()) {
      return of(Unit.ONE.dividedBy(o.unit));
    }
    return known() && o.known() ? of(unit.dividedBy(o.unit)) : UNKNOWN;
  }

  UnitValue pow(int n) {
    return known() ? of(unit.pow(n)) : this;
  }

  /** The result of combining two values that must agree (+, -, min, branches): the known one. */
  UnitValue join(UnitValue o) {
    if (known()) {
      return this;
    }
    if (o.known()) {
      return o;
    }
    return number && o.number ? NUMBER : UNKNOWN;
  }
}
