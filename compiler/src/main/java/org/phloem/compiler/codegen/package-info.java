/**
 * Emits JVM bytecode for an IR program with ASM: one class extending
 * {@link org.phloem.runtime.GeneratedModel}, one method per IR function, and loads it in memory.
 *
 * <p>Takes: an {@link org.phloem.compiler.ir.IrProgram} whose functions are named {@code forward},
 * {@code gradient}, {@code tangent}, {@code hessianVector}. Guarantees: frames are computed by ASM; the
 * class references only {@code java.lang.Math}, {@code java.lang.Object} (its constructor) and runtime
 * classes; scalars live in JVM locals, arrays are loaded into locals once per method; loop bounds are
 * evaluated once; expressions evaluate exactly as {@link org.phloem.compiler.ir.Prim#apply} does, so
 * compiled and interpreted results agree bit for bit.
 */
package org.phloem.compiler.codegen;
