package org.phloem.compiler.codegen;

/**
 * How each IR function becomes a method of {@link org.phloem.runtime.GeneratedModel}: its Java name,
 * descriptor, and how its results are returned (a double, or written into a trailing result array).
 */
enum SweepSignature {
  FORWARD("forward", "runForward", "([D)D", false),
  GRADIENT("gradient", "runGradient", "([D[D)D", false),
  TANGENT("tangent", "runTangent", "([D[D[D)V", true),
  HESSIAN_VECTOR("hessianVector", "runHessianVector", "([D[D[D)D", false),
  GRADIENT_CHECKPOINTED("gradientCheckpointed", "runGradientCheckpointed", "([D[D)D", false),
  HESSIAN_VECTOR_CHECKPOINTED("hessianVectorCheckpointed", "runHessianVectorCheckpointed", "([D[D[D)D", false),
  PLAIN_TAPE_BYTES("plainTapeBytes", "runPlainTapeBytes", "()D", false);

  final String irName;
  final String methodName;
  final String descriptor;
  /** True when results go into an extra trailing {@code double[]} argument instead of the return value. */
  final boolean resultsInArray;

  SweepSignature(String irName, String methodName, String descriptor, boolean resultsInArray) {
    this.irName = irName;
    this.methodName = methodName;
    this.descriptor = descriptor;
    this.resultsInArray = resultsInArray;
  }

  /** Whether this is one of the checkpointed sweeps (snapshots, recomputed segments). */
  boolean checkpointed() {
    return this == GRADIENT_CHECKPOINTED || this == HESSIAN_VECTOR_CHECKPOINTED;
  }

  static SweepSignature of(String irName) {
    for (SweepSignature s : values()) {
      if (s.irName.equals(irName)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no generated method for IR function '" + irName + "'");
  }
}
