package org.phloem.runtime.data;

/**
 * A {@code dim} declaration.
 *
 * @param name the dimension's name
 * @param fixedSize the declared size ({@code dim month = 12}), or -1 when the data sizes it
 * @param line the declaration's line in the model file, 0 when unknown
 */
public record DimSpec(String name, int fixedSize, int line) implements java.io.Serializable {
  /** True when the data decides the size. */
  public boolean fromData() {
    return fixedSize < 0;
  }
}
