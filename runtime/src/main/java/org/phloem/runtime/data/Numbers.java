package org.phloem.runtime.data;

/** Converts the primitive arrays the NetCDF readers return into doubles. */
final class Numbers {
  private Numbers() {}

  /** A primitive numeric array as doubles (a copy), or null when {@code array} is not one. */
  static double[] toDoubles(Object array) {
    if (array instanceof double[]) {
      return ((double[]) array).clone();
    }
    double[] out;
    if (array instanceof float[]) {
      float[] a = (float[]) array;
      out = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
    } else if (array instanceof long[]) {
      long[] a = (long[]) array;
      out = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
    } else if (array instanceof int[]) {
      int[] a = (int[]) array;
      out = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
    } else if (array instanceof short[]) {
      short[] a = (short[]) array;
      out = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
    } else if (array instanceof byte[]) {
      byte[] a = (byte[]) array;
      out = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
    } else {
      return null;
    }
    return out;
  }
}
