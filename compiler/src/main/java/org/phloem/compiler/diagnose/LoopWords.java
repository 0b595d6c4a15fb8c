package org.phloem.compiler.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.runtime.DimInfo;

/**
 * The loops running at a fault, in a modeller's words: {@code at j = 1, t = 19 (day '2001-01-20')}, so
 * that a message about a statement inside nested loops says which pass of them went wrong; a loop over a
 * dim whose elements the data labelled shows the label too.
 */
final class LoopWords {
  private LoopWords() {}

  /** {@code " at k = 3, e = 19"}, outermost loop first; empty when no loop was running. */
  static String at(List<IrInterpreter.LoopAt> loops, Map<String, DimInfo> dims) {
    List<String> parts = new ArrayList<>();
    for (IrInterpreter.LoopAt l : loops) {
      String index = FaultMessage.modelName(l.loop().index()) + " = " + l.index();
      String label = l.loop().to() instanceof IExpr.DimSize d ? label(dims, d.dim(), l.index()) : null;
      parts.add(label == null ? index : index + " (" + label + ")");
    }
    return parts.isEmpty() ? "" : " at " + String.join(", ", parts);
  }

  /** "day '2001-03-04'" when the data labelled the dim's elements, else null (the index says it all). */
  static String label(Map<String, DimInfo> dims, String dim, int index) {
    DimInfo d = dims.get(dim);
    if (d == null || index < 0 || index >= d.labels().size()) {
      return null;
    }
    String label = d.labels().get(index);
    return label.equals(Integer.toString(index)) ? null : dim + " '" + label + "'";
  }
}
