package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.SourceFile;
import org.phloem.compiler.source.Span;

/** One parsed file: its items in source order (includes not yet merged). */
public record ModelFile(SourceFile source, List<Item> items, Span span) implements Node {
  public ModelFile {
    items = List.copyOf(items);
  }
}
