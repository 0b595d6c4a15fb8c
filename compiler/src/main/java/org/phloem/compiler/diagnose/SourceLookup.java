package org.phloem.compiler.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.phloem.compiler.ast.AssignStmt;
import org.phloem.compiler.ast.Block;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.ForStmt;
import org.phloem.compiler.ast.IfStmt;
import org.phloem.compiler.ast.Item;
import org.phloem.compiler.ast.LetStmt;
import org.phloem.compiler.ast.ObserveStmt;
import org.phloem.compiler.ast.ReturnStmt;
import org.phloem.compiler.ast.Stmt;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.source.Span;

/**
 * Finds the model statement behind an IR assignment. The IR keeps only a line number, and a model of
 * several files has several line 12s, so the statement is found by its line and the name it defines.
 */
final class SourceLookup {
  /**
   * A statement or declaration that defines a name.
   *
   * @param name the name it defines (a let, an assigned variable, a fn for its return, a declaration)
   * @param span where the whole statement is
   * @param value where its right-hand side is, or null (a declaration)
   */
  record Site(String name, Span span, Span value) {}

  private final List<Site> sites = new ArrayList<>();

  SourceLookup(CheckedModel model) {
    for (Item item : model.items()) {
      if (item instanceof Stmt) {
        stmt((Stmt) item, null);
      } else if (item instanceof FnDecl) {
        FnDecl f = (FnDecl) item;
        if (f.body() != null) {
          sites.add(new Site(f.name().name(), f.span(), f.body().span()));
        } else {
          block(f.block(), f.name().name());
        }
      } else if (item instanceof Decl) {
        Decl d = (Decl) item;
        sites.add(new Site(d.name().name(), d.span(), null));
      }
    }
  }

  private void block(Block b, String fn) {
    if (b != null) {
      b.statements().forEach(s -> stmt(s, fn));
    }
  }

  private void stmt(Stmt s, String fn) {
    if (s instanceof LetStmt) {
      LetStmt l = (LetStmt) s;
      sites.add(new Site(l.name().name(), l.span(), l.value().span()));
    } else if (s instanceof AssignStmt) {
      AssignStmt a = (AssignStmt) s;
      sites.add(new Site(a.target().name(), a.span(), a.value().span()));
    } else if (s instanceof ReturnStmt) {
      sites.add(new Site(fn, s.span(), ((ReturnStmt) s).value().span()));
    } else if (s instanceof ObserveStmt) {
      sites.add(new Site("", s.span(), ((ObserveStmt) s).modelled().span()));
    } else if (s instanceof ForStmt) {
      block(((ForStmt) s).body(), fn);
    } else if (s instanceof IfStmt) {
      block(((IfStmt) s).then(), fn);
      block(((IfStmt) s).otherwise(), fn);
    }
  }

  /** The site on {@code line} defining {@code name}; else any site starting on that line; else null. */
  Site find(int line, String name) {
    Site any = null;
    for (Site s : sites) {
      if (s.span().startLine() == line) {
        if (s.name() != null && s.name().equals(name)) {
          return s;
        }
        if (any == null) {
          any = s;
        }
      }
    }
    return any;
  }

  /** The text {@code span} covers on its first line, trimmed. */
  static String text(Span span) {
    String line = span.file().line(span.startLine());
    int from = Math.max(0, Math.min(line.length(), span.startColumn() - 1));
    int to = span.endLine() == span.startLine() ? Math.min(line.length(), Math.max(from, span.endColumn())) : line.length();
    return line.substring(from, to).trim();
  }
}
