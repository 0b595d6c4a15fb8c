package org.phloem.compiler.codegen;

import org.phloem.compiler.ir.Prim;

/** The {@code java.lang.Math} method computing each non-arithmetic primitive (same as Prim.apply). */
final class MathNames {
  private MathNames() {}

  static String of(Prim p) {
    switch (p) {
      case POW: return "pow";
      case EXP: return "exp";
      case LOG: return "log";
      case LOG10: return "log10";
      case SQRT: return "sqrt";
      case ABS: return "abs";
      case MIN: return "min";
      case MAX: return "max";
      case TANH: return "tanh";
      case SINH: return "sinh";
      case COSH: return "cosh";
      case SIN: return "sin";
      case COS: return "cos";
      case TAN: return "tan";
      case ASIN: return "asin";
      case ACOS: return "acos";
      case ATAN: return "atan";
      default: throw new IllegalArgumentException(p + " is emitted as an instruction, not a Math call");
    }
  }
}
