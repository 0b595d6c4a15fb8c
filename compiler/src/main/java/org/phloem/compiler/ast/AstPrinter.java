package org.phloem.compiler.ast;

import java.lang.reflect.RecordComponent;
import java.util.List;
import org.phloem.compiler.source.Span;
import org.phloem.compiler.source.SourceFile;

/**
 * Prints an AST as an indented tree ({@code phloem compile --emit ast}): one node per line with its
 * record name, its simple fields inline and its child nodes below, spans shown as {@code @line:col}.
 * Generic over the records, so a new node kind prints without touching this class.
 */
public final class AstPrinter {
  private final StringBuilder out = new StringBuilder();

  private AstPrinter() {}

  /** The tree of {@code nodes}. */
  public static String print(List<? extends Node> nodes) {
    AstPrinter p = new AstPrinter();
    for (Node n : nodes) {
      p.node(n, 0);
    }
    return p.out.toString();
  }

  private void node(Object node, int depth) {
    out.append("  ".repeat(depth)).append(node.getClass().getSimpleName());
    RecordComponent[] parts = node.getClass().getRecordComponents();
    StringBuilder children = new StringBuilder();
    for (RecordComponent c : parts) {
      Object v = value(c, node);
      if (v == null || v instanceof SourceFile) {
        continue;
      }
      if (v instanceof Span) {
        Span s = (Span) v;
        out.append(" @").append(s.startLine()).append(':').append(s.startColumn());
      } else if (v instanceof Ident) {
        out.append(' ').append(c.getName()).append('=').append(((Ident) v).name());
      } else if (v instanceof Node || (v instanceof List && !((List<?>) v).isEmpty() && ((List<?>) v).get(0) instanceof Node)) {
        children.append(c.getName()).append('\u0000');
      } else if (v instanceof List && ((List<?>) v).isEmpty()) {
        continue;
      } else {
        out.append(' ').append(c.getName()).append('=').append(v instanceof String ? "\"" + v + "\"" : v);
      }
    }
    out.append('\n');
    for (RecordComponent c : parts) {
      if (children.indexOf(c.getName() + '\u0000') < 0) {
        continue;
      }
      Object v = value(c, node);
      out.append("  ".repeat(depth + 1)).append(c.getName()).append(":\n");
      if (v instanceof List) {
        for (Object child : (List<?>) v) {
          if (child instanceof Ident) {
            out.append("  ".repeat(depth + 2)).append(((Ident) child).name()).append('\n');
          } else {
            node(child, depth + 2);
          }
        }
      } else {
        node(v, depth + 2);
      }
    }
  }

  private static Object value(RecordComponent c, Object node) {
    try {
      return c.getAccessor().invoke(node);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
