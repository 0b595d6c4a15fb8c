package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code include "path.phl"}: the path as written, relative to the including file. */
public record Include(String path, Span span) implements Item {}
