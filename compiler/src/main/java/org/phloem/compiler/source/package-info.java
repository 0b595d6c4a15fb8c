/**
 * Source text and positions.
 *
 * <p>Takes: a file's text and the path to show for it. Guarantees: {@link
 * org.phloem.compiler.source.SourceFile} gives any line's text by 1-based number; {@link
 * org.phloem.compiler.source.Span} is a validated, inclusive, 1-based range every AST node and every
 * diagnostic carries.
 */
package org.phloem.compiler.source;
