package org.phloem.compiler.ir;

import org.phloem.runtime.OutputInfo;

/**
 * A reported array, named by its IR arrays.
 *
 * @param name the output's name as the user sees it
 * @param unit its unit text or ""
 * @param role what it holds
 * @param valueArray the IR array holding its values
 * @param tangentArray the IR array the tangent sweep fills with its tangents, or null
 * @param description the declaration's description text, or ""
 */
public record IrOutput(String name, String unit, OutputInfo.Role role, String valueArray, String tangentArray,
    String description) {
  /** An output without a description. */
  public IrOutput(String name, String unit, OutputInfo.Role role, String valueArray, String tangentArray) {
    this(name, unit, role, valueArray, tangentArray, "");
  }

  /** The same output with its tangent array named. */
  public IrOutput withTangent(String array) {
    return new IrOutput(name, unit, role, valueArray, array, description);
  }
}
