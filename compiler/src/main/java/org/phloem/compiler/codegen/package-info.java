/**
 * Emits JVM bytecode for an IR program with ASM: one class extending
 * {@link org.phloem.runtime.GeneratedModel}, one method per IR function, and loads it in memory.
 *
 * <p>Takes: an {@link org.phloem.compiler.ir.IrProgram} whose functions are named {@code forward},
 * {@code gradient}, {@code tangent}, {@code hessianVector} (and the checkpointed variants). Guarantees:
 * frames are computed by ASM; the class references only {@code java.lang.Math}, {@code java.lang.Object}
 * (its constructor) and runtime classes; scalars live in JVM locals, arrays are loaded into locals once
 * per method; loop bounds are evaluated once; expressions evaluate exactly as
 * {@link org.phloem.compiler.ir.Prim#apply} does, so compiled and interpreted results agree bit for bit.
 *
 * <p>Method splitting: HotSpot never JIT-compiles a method over 8,000 bytes of bytecode, and the JVM
 * refuses one over 64 KB. A function whose estimated code ({@link org.phloem.compiler.codegen.CodeSize})
 * exceeds a budget (6,000 bytes; system property {@code phloem.methodBudget}) is cut by
 * {@link org.phloem.compiler.codegen.MethodSplitter} into private helper methods: runs of statements,
 * and the bodies of loops and branches too large for one method, recursively. Scalars that cross
 * methods live in a per-instance frame ({@link org.phloem.compiler.codegen.FrameLayout}); each method
 * computes on JVM locals and loads from the frame only what it may read before writing
 * ({@link org.phloem.compiler.codegen.ExposedReads}). Statements are neither changed nor reordered, so
 * split and whole code give the same bits. The emitter measures the methods it wrote and splits finer
 * when an estimate fell short, so every method of every model stays within the JIT limit. In the plain
 * sweeps a time-step loop (a loop whose body holds two or more loop nests) is cut at any budget: each nest becomes a helper,
 * which HotSpot compiles on its own (the runtime's {@code SeparateSweepMethods} asks it not to inline
 * generated methods into each other), with the registers of that nest's arrays alone.
 */
package org.phloem.compiler.codegen;
