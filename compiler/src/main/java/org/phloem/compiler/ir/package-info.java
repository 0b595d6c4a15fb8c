/**
 * The lowered form every later stage works on: explicit loops over integer ranges, scalar operations,
 * loads and stores of flat array elements, and the tape operations of derivative code (with the
 * questions a checkpointed loop asks the runtime's schedule, {@link org.phloem.compiler.ir.Stmt.Schedule}).
 *
 * <p>Takes: nothing (it is a data structure); produced by {@code lower} from a checked AST and by the
 * {@code ad} transforms from other IR. Guarantees: every node is an immutable record; a program is
 * printable ({@link org.phloem.compiler.ir.IrPrinter}) and runnable without bytecode
 * ({@link org.phloem.compiler.ir.IrInterpreter}), so each transform can be tested on text and values.
 *
 * <p>Storage: a scalar variable is a JVM local (real or int); an array is a flat {@code double[]},
 * row-major over its dims, owned by the model instance (work arrays) or passed as an argument
 * (parameter, gradient and direction vectors). Array element references carry the flat index as an
 * integer expression, computed by the lowering.
 */
package org.phloem.compiler.ir;
