package org.phloem.compiler.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.DeclKind;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.Item;
import org.phloem.compiler.ast.ModelDecl;
import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;

/**
 * The top-level names: every declaration but {@code model}, by name, in order. Reports duplicates and
 * fns named like built-ins; the first declaration of a name wins.
 */
final class Globals {
  private final Map<String, Decl> byName = new LinkedHashMap<>();
  private final List<Decl> all = new ArrayList<>();

  Globals(List<Item> items, Diagnostics diagnostics) {
    for (Item item : items) {
      if (!(item instanceof Decl) || item instanceof ModelDecl) {
        continue;
      }
      Decl d = (Decl) item;
      all.add(d);
      String name = d.name().name();
      Decl earlier = byName.get(name);
      if (earlier != null) {
        String where = earlier.span().file() == d.span().file()
            ? "" : " in '" + earlier.span().file().displayPath() + "'";
        diagnostics.error(ErrorKind.DUPLICATE_DECLARATION, d.name().span(), name,
            earlier.name().span().startLine(), where);
        continue;
      }
      if (d instanceof FnDecl && Builtin.named(name) != null) {
        diagnostics.error(ErrorKind.BUILTIN_NAME, d.name().span(), name);
      }
      byName.put(name, d);
    }
  }

  /** The declaration called {@code name}, or null. */
  Decl get(String name) {
    return byName.get(name);
  }

  /** Every declared name. */
  Collection<String> names() {
    return byName.keySet();
  }

  /** Every declaration (duplicates too) in source order. */
  List<Decl> all() {
    return all;
  }

  /** The names of declarations of one kind, for suggestions. */
  List<String> namesOf(DeclKind kind) {
    List<String> out = new ArrayList<>();
    for (Decl d : byName.values()) {
      if (d.kind() == kind) {
        out.add(d.name().name());
      }
    }
    return out;
  }

  /** The dim called {@code name}, or null. */
  DimDecl dim(String name) {
    Decl d = byName.get(name);
    return d instanceof DimDecl ? (DimDecl) d : null;
  }
}
