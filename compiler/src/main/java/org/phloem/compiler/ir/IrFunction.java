package org.phloem.compiler.ir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated method: the forward model, or one of its derivative sweeps.
 *
 * @param name {@code forward}, {@code gradient}, {@code tangent} or {@code hessianVector}
 * @param arguments the names of its array arguments (parameter vector, gradient, directions), each of
 *     length parameter-count
 * @param results the scalar locals it returns, in order (the cost, then for the tangent its derivative)
 * @param locals every scalar local the body uses, with its type, in first-declared order
 * @param body the statements
 */
public record IrFunction(String name, List<String> arguments, List<String> results, Map<String, ScalarType> locals, List<Stmt> body) {
  public IrFunction {
    arguments = List.copyOf(arguments);
    results = List.copyOf(results);
    locals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(locals));
    body = List.copyOf(body);
  }
}
