/**
 * Checking: from a model file to a {@link org.phloem.compiler.check.CheckedModel}, or every error.
 *
 * <p>Takes: a model file (or text plus the folder its includes live in) through {@link
 * org.phloem.compiler.check.Frontend#analyze}. Guarantees: either a {@code CheckedModel} for a model
 * with no errors, or a {@link org.phloem.compiler.diag.CompileException} holding every error found
 * (never a stack trace for a user mistake). Passes, in order: parse the main file; merge includes in
 * place (relative paths, confined to the main file's folder tree, cycles reported, each file merged
 * once); collect globals (duplicates); resolve dims and parse units of declarations; check
 * declarations (fixed dim sizes, const values, param priors, list lengths, state initial values,
 * input tables); then walk fns and statements in source order with nested {@link
 * org.phloem.compiler.check.Scope}s (globals, fn arguments, a scope per block for its lets, one per
 * loop header for its indices), resolving names, typing expressions (REAL, INT, BOOL, index of a dim),
 * checking indices, assignability, fn purity and return paths, observe placement, and units; last,
 * recursion over the call graph.
 *
 * <p><b>How the lowering reads the result.</b> The AST is not rewritten. Meaning lives in side tables
 * keyed by node <em>identity</em> ({@link java.util.IdentityHashMap}; AST records compare by value, so
 * identity is the only safe key):
 *
 * <ul>
 *   <li>{@code ref(node)} for each name-use: {@code NameExpr}, {@code IndexExpr}, {@code CallExpr},
 *       {@code SizeExpr}, {@code DimIndex} (its dim) and {@code AssignStmt} (its target) map to a
 *       {@link org.phloem.compiler.check.Ref}: a declaration, a let, a loop index (with its dim, or
 *       null for a range), a fn argument (fn and position) or a built-in.
 *   <li>{@code type(expr)} for every expression: {@link org.phloem.compiler.check.Type} REAL, INT or
 *       BOOL, an INT possibly an index of a dim. {@code unit(expr)} when the unit is known.
 *   <li>per declaration: {@code dimsOf}, {@code fixedSize} (-1: from data), {@code unit}, {@code
 *       constValue} (doubles; INT consts give {@code intValue()}), {@code prior} (doubles, one per
 *       element for lists or one to broadcast; infinite bounds when none).
 * </ul>
 *
 * <p>Statements stay in source order with includes merged in place ({@code items()}, {@code
 * statements()}). State initial values stay expressions (they may use params): the lowering evaluates
 * them through the same tables.
 *
 * <p>Units: {@link org.phloem.compiler.check.Unit} is a vector of base-dimension exponents with a
 * scale; {@link org.phloem.compiler.check.UnitParser} reads unit text; {@code UnitTable} holds the
 * known symbols. In expressions, a literal is a bare number (neutral in products, compatible with
 * anything), an un-annotated name is unknown (compatible with anything, and anything times it is
 * unknown), and a declared unit is known; +, -, comparisons, min/max, branches, assignments and
 * observe require known units to agree in dimension and scale.
 */
package org.phloem.compiler.check;
