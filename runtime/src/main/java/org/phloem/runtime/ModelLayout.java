package org.phloem.runtime;

import java.util.List;
import org.phloem.runtime.data.DimSpec;
import org.phloem.runtime.data.InputSpec;
import org.phloem.runtime.data.TableSpec;

/**
 * What the compiler tells the runtime about a generated model class: which tables, dims and inputs
 * the data must supply, which work arrays the generated code indexes (by position), the parameters
 * with their priors, and which arrays are outputs and observations. {@link GeneratedModel} turns it,
 * with the bound data, into allocated arrays and a {@link ModelInfo}.
 *
 * @param name the model's name
 * @param title the model's description
 * @param sourceFile the model file (for messages)
 * @param tables the {@code data} declarations
 * @param dims every dim, in the order generated code indexes {@code dimSizes}
 * @param inputs every input to bind
 * @param arrays every array generated code uses, in the order it indexes {@code arrays}
 * @param params every parameter in slot order
 * @param outputs every reported array (declared outputs first, then observation arrays)
 * @param observations every observe statement
 */
public record ModelLayout(
    String name,
    String title,
    String sourceFile,
    List<TableSpec> tables,
    List<DimSpec> dims,
    List<InputSpec> inputs,
    List<ArraySlot> arrays,
    List<ParamLayout> params,
    List<OutputLayout> outputs,
    List<ObservationInfo> observations) implements java.io.Serializable {

  public ModelLayout {
    tables = List.copyOf(tables);
    dims = List.copyOf(dims);
    inputs = List.copyOf(inputs);
    arrays = List.copyOf(arrays);
    params = List.copyOf(params);
    outputs = List.copyOf(outputs);
    observations = List.copyOf(observations);
  }

  /** How an array slot is filled before the generated code runs. */
  public enum Fill {
    /** From the bound input of the same name. */
    INPUT,
    /** From {@link ArraySlot#values()} (an array constant). */
    CONSTANT,
    /** Zero-filled work space the generated code writes. */
    WORK
  }

  /**
   * One array the generated code indexes.
   *
   * @param name its IR name (an input's or variable's name, or a generated one such as {@code gpp_d})
   * @param dims its dimensions' names; its length is the product of their sizes
   * @param fill how it is filled
   * @param values the values of a constant array (row-major), else null
   */
  public record ArraySlot(String name, List<String> dims, Fill fill, double[] values) implements java.io.Serializable {
    public ArraySlot {
      dims = List.copyOf(dims);
    }
  }

  /**
   * A parameter as declared. Each per-element array has length 1 (broadcast over the elements) or the
   * parameter's full size.
   */
  public record ParamLayout(
      String name,
      List<String> dims,
      double[] priorMean,
      double[] priorSd,
      double[] lower,
      double[] upper,
      boolean logScale,
      String unit,
      String description,
      int line) implements java.io.Serializable {
    public ParamLayout {
      dims = List.copyOf(dims);
    }
  }

  /**
   * A reported array.
   *
   * @param name the output's name
   * @param unit its unit text, or ""
   * @param role what it holds
   * @param valueArray the index in {@link #arrays()} of its values
   * @param tangentArray the index of its tangents, or -1 when the tangent model does not fill them
   * @param description the declaration's description text, or ""
   */
  public record OutputLayout(String name, String unit, OutputInfo.Role role, int valueArray, int tangentArray,
      String description) implements java.io.Serializable {
    /** An output without a description. */
    public OutputLayout(String name, String unit, OutputInfo.Role role, int valueArray, int tangentArray) {
      this(name, unit, role, valueArray, tangentArray, "");
    }
  }
}
