package org.phloem.compiler.ir;

/** The type of a scalar local: a JVM {@code double} or {@code int}. */
public enum ScalarType {
  REAL, INT
}
