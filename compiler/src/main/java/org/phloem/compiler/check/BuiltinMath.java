package org.phloem.compiler.check;

/** The numeric meaning of the built-in functions, for constants worked out at compile time. */
final class BuiltinMath {
  private BuiltinMath() {}

  static double apply(Builtin b, double[] a) {
    switch (b) {
      case EXP: return Math.exp(a[0]);
      case LOG: return Math.log(a[0]);
      case LOG10: return Math.log10(a[0]);
      case SQRT: return Math.sqrt(a[0]);
      case ABS: return Math.abs(a[0]);
      case MIN: return Math.min(a[0], a[1]);
      case MAX: return Math.max(a[0], a[1]);
      case POW: return Math.pow(a[0], a[1]);
      case TANH: return Math.tanh(a[0]);
      case SINH: return Math.sinh(a[0]);
      case COSH: return Math.cosh(a[0]);
      case SIN: return Math.sin(a[0]);
      case COS: return Math.cos(a[0]);
      case TAN: return Math.tan(a[0]);
      case ASIN: return Math.asin(a[0]);
      case ACOS: return Math.acos(a[0]);
      case ATAN: return Math.atan(a[0]);
      default: throw new org.phloem.compiler.diag.InternalCompilerError("no constant value for " + b);
    }
  }
}
